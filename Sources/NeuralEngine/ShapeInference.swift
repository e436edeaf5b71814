extension Graph {
  /// Computes the shape of every value for the given input shapes.
  ///
  /// - Parameter inputShapes: one shape per entry of ``inputs``.
  /// - Returns: one shape per entry of ``values``.
  /// - Throws: ``ModelError/invalidShape(_:)`` when shapes do not fit together.
  public func inferShapes(inputShapes: [[Int]]) throws -> [[Int]] {
    guard inputShapes.count == inputs.count else {
      throw ModelError.invalidShape("expected \(inputs.count) inputs, got \(inputShapes.count)")
    }
    var shapes = [[Int]?](repeating: nil, count: values.count)
    for (index, shape) in zip(inputs, inputShapes) { shapes[index] = shape }
    for (index, tensor) in constants { shapes[index] = tensor.shape }
    for node in nodes {
      let operands = try node.inputs.map { index -> [Int] in
        guard let shape = shapes[index] else {
          throw ModelError.invalidShape("value \(values[index].name) is read before it is written")
        }
        return shape
      }
      let result = try node.operation.outputShape(operands: operands)
      guard node.outputs.count == 1 else {
        throw ModelError.invalidShape("node writing \(node.outputs.count) values is not supported")
      }
      shapes[node.outputs[0]] = result
    }
    return try shapes.enumerated().map { index, shape in
      guard let shape else {
        throw ModelError.invalidShape("value \(values[index].name) is never written")
      }
      return shape
    }
  }
}

extension Padding {
  /// Padding before and after along one spatial axis, for an input of `size` pixels.
  func amounts(
    size: Int, kernel: Int, stride: Int, dilation: Int, vertical: Bool
  ) -> (before: Int, after: Int) {
    switch self {
    case .explicit(let top, let left, let bottom, let right):
      return vertical ? (top, bottom) : (left, right)
    case .same:
      let output = (size + stride - 1) / stride
      let effectiveKernel = (kernel - 1) * dilation + 1
      let total = max((output - 1) * stride + effectiveKernel - size, 0)
      return (total / 2, total - total / 2)
    }
  }
}

/// Output length of a windowed operation along one axis.
func windowOutputSize(
  size: Int, kernel: Int, stride: Int, dilation: Int, padding: (before: Int, after: Int)
) -> Int {
  let effectiveKernel = (kernel - 1) * dilation + 1
  return (size + padding.before + padding.after - effectiveKernel) / stride + 1
}

/// The NumPy broadcast of two shapes.
func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
  let rank = max(a.count, b.count)
  let paddedA = [Int](repeating: 1, count: rank - a.count) + a
  let paddedB = [Int](repeating: 1, count: rank - b.count) + b
  return try zip(paddedA, paddedB).map { x, y in
    if x == y || y == 1 { return x }
    if x == 1 { return y }
    throw ModelError.invalidShape("cannot broadcast \(a) with \(b)")
  }
}

extension Operator {
  /// The shape this operation produces from operands of the given shapes.
  public func outputShape(operands: [[Int]]) throws -> [Int] {
    func single() throws -> [Int] {
      guard operands.count == 1 else {
        throw ModelError.invalidShape("\(self.name) takes one input, got \(operands.count)")
      }
      return operands[0]
    }
    func nhwc() throws -> [Int] {
      let shape = try single()
      guard shape.count == 4 else {
        throw ModelError.invalidShape("\(self.name) needs a rank-4 NHWC input, got \(shape)")
      }
      return shape
    }
    switch self {
    case .convolution(let conv):
      let input = try nhwc()
      guard input[3] == conv.groupInputChannels * conv.groups else {
        throw ModelError.invalidShape(
          "convolution expects \(conv.groupInputChannels * conv.groups) input channels, got \(input[3])"
        )
      }
      let vertical = conv.padding.amounts(
        size: input[1], kernel: conv.kernelHeight, stride: conv.strideHeight,
        dilation: conv.dilationHeight, vertical: true)
      let horizontal = conv.padding.amounts(
        size: input[2], kernel: conv.kernelWidth, stride: conv.strideWidth,
        dilation: conv.dilationWidth, vertical: false)
      let height = windowOutputSize(
        size: input[1], kernel: conv.kernelHeight, stride: conv.strideHeight,
        dilation: conv.dilationHeight, padding: vertical)
      let width = windowOutputSize(
        size: input[2], kernel: conv.kernelWidth, stride: conv.strideWidth,
        dilation: conv.dilationWidth, padding: horizontal)
      guard height > 0, width > 0 else {
        throw ModelError.invalidShape("convolution input \(input) is smaller than its kernel")
      }
      return [input[0], height, width, conv.outputChannels]
    case .deconvolution(let deconv):
      let input = try nhwc()
      guard input[3] == deconv.groupInputChannels * deconv.groups else {
        throw ModelError.invalidShape(
          "deconvolution expects \(deconv.groupInputChannels * deconv.groups) input channels, got \(input[3])"
        )
      }
      guard case .explicit(let top, let left, let bottom, let right) = deconv.padding else {
        throw ModelError.unsupportedFeature("SAME padding on a transposed convolution")
      }
      let height =
        deconv.strideHeight * (input[1] - 1) + deconv.adjustmentHeight
        + (deconv.kernelHeight - 1) * deconv.dilationHeight + 1 - top - bottom
      let width =
        deconv.strideWidth * (input[2] - 1) + deconv.adjustmentWidth
        + (deconv.kernelWidth - 1) * deconv.dilationWidth + 1 - left - right
      return [input[0], height, width, deconv.outputChannels]
    case .add, .multiply:
      guard operands.count == 2 else {
        throw ModelError.invalidShape("\(self.name) takes two inputs, got \(operands.count)")
      }
      return try broadcastShape(operands[0], operands[1])
    case .clamp, .sigmoid:
      return try single()
    case .pad(let before, let after, _):
      let input = try single()
      guard before.count == input.count, after.count == input.count else {
        throw ModelError.invalidShape("pad amounts do not match input rank \(input.count)")
      }
      return (0..<input.count).map { input[$0] + before[$0] + after[$0] }
    case .maxPool(let pool):
      let input = try nhwc()
      let vertical = pool.padding.amounts(
        size: input[1], kernel: pool.kernelHeight, stride: pool.strideHeight, dilation: 1,
        vertical: true)
      let horizontal = pool.padding.amounts(
        size: input[2], kernel: pool.kernelWidth, stride: pool.strideWidth, dilation: 1,
        vertical: false)
      return [
        input[0],
        windowOutputSize(
          size: input[1], kernel: pool.kernelHeight, stride: pool.strideHeight, dilation: 1,
          padding: vertical),
        windowOutputSize(
          size: input[2], kernel: pool.kernelWidth, stride: pool.strideWidth, dilation: 1,
          padding: horizontal),
        input[3],
      ]
    case .resizeBilinear(let height, let width, _, _):
      let input = try nhwc()
      return [input[0], height, width, input[3]]
    case .reshape(let target):
      let input = try single()
      let total = input.reduce(1, *)
      let known = target.filter { $0 != -1 }.reduce(1, *)
      let unknownCount = target.filter { $0 == -1 }.count
      guard unknownCount <= 1, known > 0,
        unknownCount == 1 ? total % known == 0 : total == known
      else {
        throw ModelError.invalidShape("cannot reshape \(input) to \(target)")
      }
      return target.map { $0 == -1 ? total / known : $0 }
    case .concatenate(let axis):
      guard let first = operands.first else {
        throw ModelError.invalidShape("concatenation of nothing")
      }
      guard axis >= 0, axis < first.count else {
        throw ModelError.invalidShape("concatenation axis \(axis) outside rank \(first.count)")
      }
      var result = first
      result[axis] = 0
      for shape in operands {
        guard shape.count == first.count,
          (0..<shape.count).allSatisfy({ $0 == axis || shape[$0] == first[$0] })
        else {
          throw ModelError.invalidShape("cannot concatenate \(operands) on axis \(axis)")
        }
        result[axis] += shape[axis]
      }
      return result
    case .depthToSpace(let block):
      let input = try nhwc()
      guard block > 0, input[3] % (block * block) == 0 else {
        throw ModelError.invalidShape("depth to space by \(block) of \(input)")
      }
      return [input[0], input[1] * block, input[2] * block, input[3] / (block * block)]
    }
  }

  /// A short name for messages.
  public var name: String {
    switch self {
    case .convolution: return "convolution"
    case .deconvolution: return "deconvolution"
    case .add: return "add"
    case .multiply: return "multiply"
    case .clamp: return "clamp"
    case .sigmoid: return "sigmoid"
    case .pad: return "pad"
    case .maxPool: return "max pool"
    case .resizeBilinear: return "bilinear resize"
    case .reshape: return "reshape"
    case .concatenate: return "concatenate"
    case .depthToSpace: return "depth to space"
    }
  }
}
