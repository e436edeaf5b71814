extension ReferenceKernels {
  /// Combines two tensors element by element with NumPy broadcasting.
  static func broadcast(
    _ left: Tensor, _ right: Tensor, outputShape: [Int], _ combine: (Float, Float) -> Float
  ) -> Tensor {
    let leftStrides = broadcastStrides(of: left.shape, into: outputShape)
    let rightStrides = broadcastStrides(of: right.shape, into: outputShape)
    let count = outputShape.reduce(1, *)
    var output = [Float](repeating: 0, count: count)
    for index in 0..<count {
      var remainder = index
      var leftIndex = 0
      var rightIndex = 0
      for axis in stride(from: outputShape.count - 1, through: 0, by: -1) {
        let coordinate = remainder % outputShape[axis]
        remainder /= outputShape[axis]
        leftIndex += coordinate * leftStrides[axis]
        rightIndex += coordinate * rightStrides[axis]
      }
      output[index] = combine(left.data[leftIndex], right.data[rightIndex])
    }
    return Tensor(shape: outputShape, data: output)
  }

  /// Row-major strides of `shape` aligned to the trailing axes of `outputShape`, zero along
  /// every axis that is broadcast.
  private static func broadcastStrides(of shape: [Int], into outputShape: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: outputShape.count)
    var stride = 1
    for offset in 0..<shape.count {
      let axis = shape.count - 1 - offset
      let outputAxis = outputShape.count - 1 - offset
      strides[outputAxis] = shape[axis] == 1 ? 0 : stride
      stride *= shape[axis]
    }
    return strides
  }
}
