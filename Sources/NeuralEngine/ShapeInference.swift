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

  /// Checks the caller's tensors and computes every value's shape for them.
  ///
  /// - Returns: one shape per entry of ``values``, every dimension positive.
  func shapes(forInputs tensors: [Tensor]) throws -> [[Int]] {
    guard tensors.count == inputs.count else {
      throw ModelError.invalidShape("expected \(inputs.count) inputs, got \(tensors.count)")
    }
    for tensor in tensors where tensor.data.count != tensor.shape.reduce(1, *) {
      throw ModelError.invalidShape(
        "input of shape \(tensor.shape) holds \(tensor.data.count) elements")
    }
    let shapes = try inferShapes(inputShapes: tensors.map(\.shape))
    for (index, shape) in shapes.enumerated() where shape.contains(where: { $0 <= 0 }) {
      throw ModelError.invalidShape("value \(values[index].name) would have shape \(shape)")
    }
    return shapes
  }
}
