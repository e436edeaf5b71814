/// NumPy-style broadcasting of two operands, shared by the binary elementwise operators.
enum Broadcasting {
  /// The shape a binary operator produces: the broadcast of its two operands.
  ///
  /// - Throws: ``ModelError/invalidShape(_:)`` unless there are two operands that broadcast.
  static func outputShape(of binaryOperator: some GraphOperator, operands: [[Int]]) throws
    -> [Int]
  {
    guard operands.count == 2 else {
      throw ModelError.invalidShape(
        "\(binaryOperator.name) takes two inputs, got \(operands.count)")
    }
    return try shape(operands[0], operands[1])
  }

  /// The broadcast of two shapes.
  ///
  /// - Throws: ``ModelError/invalidShape(_:)`` when they do not broadcast.
  private static func shape(_ a: [Int], _ b: [Int]) throws -> [Int] {
    let rank = max(a.count, b.count)
    let paddedA = [Int](repeating: 1, count: rank - a.count) + a
    let paddedB = [Int](repeating: 1, count: rank - b.count) + b
    return try zip(paddedA, paddedB).map { x, y in
      if x == y || y == 1 { return x }
      if x == 1 { return y }
      throw ModelError.invalidShape("cannot broadcast \(a) with \(b)")
    }
  }

  /// Combines two tensors element by element.
  static func combine(
    _ left: Tensor, _ right: Tensor, outputShape: [Int], _ combine: (Float, Float) -> Float
  ) -> Tensor {
    let leftStrides = strides(of: left.shape, into: outputShape)
    let rightStrides = strides(of: right.shape, into: outputShape)
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
  private static func strides(of shape: [Int], into outputShape: [Int]) -> [Int] {
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
