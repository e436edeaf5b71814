/// Operator weights and graph constants in the layouts XNNPACK reads, alive as long as any
/// XNNPACK runtime that points at them.
final class XNNStaticWeights {
  /// One static tensor of a node: its XNNPACK shape and its storage.
  struct Weight {
    /// The shape XNNPACK is told.
    let shape: [Int]
    /// The elements.
    let buffer: AlignedFloatBuffer
  }

  /// Each node's ``GraphOperator/xnnpackWeights``, by node index.
  private(set) var nodeWeights: [Int: [Weight]] = [:]
  /// Every graph constant, by value index.
  private(set) var constants: [Int: AlignedFloatBuffer] = [:]

  /// Converts the weights of a graph that passed ``Graph/validateForExecution()``.
  init(graph: Graph) {
    for (index, node) in graph.nodes.enumerated() {
      nodeWeights[index] = node.operation.definition.xnnpackWeights.map {
        Weight(shape: $0.shape, buffer: AlignedFloatBuffer(copying: $0.data))
      }
    }
    for (index, tensor) in graph.constants {
      constants[index] = AlignedFloatBuffer(copying: tensor.data)
    }
  }

  deinit {
    for weights in nodeWeights.values {
      for weight in weights { weight.buffer.deallocate() }
    }
    for buffer in constants.values { buffer.deallocate() }
  }
}
