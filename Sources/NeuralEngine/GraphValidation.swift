extension Graph {
  /// Checks that every index and operation parameter is usable, so running the graph cannot trap
  /// on a malformed model.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` for dangling indices or nonsensical parameters,
  ///   ``ModelError/unsupportedFeature(_:)`` for parameters the runtimes do not implement.
  func validateForExecution() throws {
    let valid = 0..<values.count
    for index in inputs + outputs + constants.keys where !valid.contains(index) {
      throw ModelError.malformed("graph refers to value \(index) of \(values.count)")
    }
    for (position, node) in nodes.enumerated() {
      for index in node.inputs + node.outputs where !valid.contains(index) {
        throw ModelError.malformed("node \(position) refers to value \(index) of \(values.count)")
      }
      guard node.outputs.count == 1 else {
        throw ModelError.malformed("node \(position) writes \(node.outputs.count) values, not 1")
      }
      try node.operation.definition.validate()
    }
    for (index, tensor) in constants where tensor.data.count != tensor.shape.reduce(1, *) {
      throw ModelError.malformed("constant \(values[index].name) has a wrong element count")
    }
  }
}
