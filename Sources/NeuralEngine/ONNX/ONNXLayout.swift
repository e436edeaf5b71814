/// Conversions from ONNX's channels-first layouts to the engine's channels-last layouts.
enum ONNXLayout {
  /// The NHWC axis that holds what NCHW axis `axis` (0...3) holds.
  static func nhwcAxis(fromNCHW axis: Int) -> Int {
    [0, 3, 1, 2][axis]
  }

  /// A rank-4 NCHW shape as NHWC; other ranks are returned unchanged.
  static func nhwcShape(fromNCHW shape: [Int]) -> [Int] {
    shape.count == 4 ? [shape[0], shape[2], shape[3], shape[1]] : shape
  }

  /// Convolution weights `[O, I/groups, kH, kW]` as `[O, kH, kW, I/groups]`.
  static func convolutionFilter(fromOIHW weights: Tensor) -> Tensor {
    transposed(weights, permutation: [0, 2, 3, 1])
  }

  /// Transposed-convolution weights `[I, O/groups, kH, kW]` as `[O, kH, kW, I/groups]`.
  ///
  /// Output channel `o` belongs to group `o / (O/groups)`; that group reads input channels
  /// `group * I/groups ..< (group + 1) * I/groups`.
  static func deconvolutionFilter(fromIOHW weights: Tensor, groups: Int) -> Tensor {
    let shape = weights.shape
    let (inputChannels, groupOutputs, height, width) = (shape[0], shape[1], shape[2], shape[3])
    let groupInputs = inputChannels / groups
    let outputChannels = groupOutputs * groups
    var data = [Float](repeating: 0, count: weights.count)
    var target = 0
    for output in 0..<outputChannels {
      let group = output / groupOutputs
      let groupOutput = output % groupOutputs
      for y in 0..<height {
        for x in 0..<width {
          for groupInput in 0..<groupInputs {
            let input = group * groupInputs + groupInput
            data[target] =
              weights.data[((input * groupOutputs + groupOutput) * height + y) * width + x]
            target += 1
          }
        }
      }
    }
    return Tensor(shape: [outputChannels, height, width, groupInputs], data: data)
  }

  /// A constant operand of an elementwise operation on rank-4 NCHW activations, made to broadcast
  /// the same way against NHWC activations.
  ///
  /// The constant is first given leading unit dimensions up to rank 4, as ONNX broadcasting does,
  /// then transposed to NHWC; a per-channel `[1, C, 1, 1]` becomes `[1, 1, 1, C]`. Rank-0 constants
  /// are returned unchanged.
  static func nhwcBroadcastConstant(fromNCHW constant: Tensor) -> Tensor {
    guard !constant.shape.isEmpty, constant.shape.count <= 4 else { return constant }
    let padded = Tensor(
      shape: [Int](repeating: 1, count: 4 - constant.shape.count) + constant.shape,
      data: constant.data)
    return transposed(padded, permutation: [0, 2, 3, 1])
  }

  /// A rank-4 tensor with its axes reordered: axis `i` of the result is axis `permutation[i]` of
  /// the input.
  static func transposed(_ tensor: Tensor, permutation: [Int]) -> Tensor {
    let shape = tensor.shape
    var strides = [1, 1, 1, 1]
    for axis in stride(from: 2, through: 0, by: -1) {
      strides[axis] = strides[axis + 1] * shape[axis + 1]
    }
    let newShape = permutation.map { shape[$0] }
    let newStrides = permutation.map { strides[$0] }
    var data = [Float](repeating: 0, count: tensor.count)
    var target = 0
    for a in 0..<newShape[0] {
      for b in 0..<newShape[1] {
        for c in 0..<newShape[2] {
          var source = a * newStrides[0] + b * newStrides[1] + c * newStrides[2]
          for _ in 0..<newShape[3] {
            data[target] = tensor.data[source]
            target += 1
            source += newStrides[3]
          }
        }
      }
    }
    return Tensor(shape: newShape, data: data)
  }
}
