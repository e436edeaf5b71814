/// Runs a ``Graph`` with plain Swift loops.
///
/// Slow but written to be obviously correct; it is the yardstick the fast runtime is tested
/// against.
public struct ReferenceRuntime: InferenceRuntime {
  /// The graph this runtime executes.
  public let graph: Graph

  /// Creates a runtime for `graph`.
  public init(graph: Graph) {
    self.graph = graph
  }

  /// Runs the graph once; shapes follow from the input tensors.
  ///
  /// - Throws: ``ModelError`` when the graph is malformed or the inputs do not fit it.
  public func run(_ inputs: [Tensor]) throws -> [Tensor] {
    try graph.validateForExecution()
    let shapes = try graph.shapes(forInputs: inputs)
    var values = [Tensor?](repeating: nil, count: graph.values.count)
    for (index, tensor) in graph.constants { values[index] = tensor }
    for (index, tensor) in zip(graph.inputs, inputs) { values[index] = tensor }
    for node in graph.nodes {
      let operands = try node.inputs.map { try read(values[$0], index: $0) }
      let output = node.outputs[0]
      values[output] = try node.operation.definition.evaluate(
        operands, outputShape: shapes[output])
    }
    return try graph.outputs.map { try read(values[$0], index: $0) }
  }

  /// The tensor of a value that must already be computed.
  private func read(_ tensor: Tensor?, index: Int) throws -> Tensor {
    guard let tensor else {
      throw ModelError.invalidShape(
        "value \(graph.values[index].name) is read before it is written")
    }
    return tensor
  }
}
