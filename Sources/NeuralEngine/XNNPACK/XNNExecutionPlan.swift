import CXNNPACK

/// Everything needed to run a graph for one set of input shapes: the XNNPACK runtimes of its
/// supported runs, the Swift steps between them, and the buffers that carry values across.
final class XNNExecutionPlan {
  /// One step of a run.
  private enum Step {
    /// Invoke an `xnn_runtime_t`; the text names its nodes.
    case xnnpack(OpaquePointer, String)
    /// Compute one node, by index, in Swift.
    case swift(Int)
  }

  private let graph: Graph
  private let shapes: [[Int]]
  /// Kept alive because the runtimes point into it.
  private let weights: XNNStaticWeights
  private var steps: [Step] = []
  private var runtimes: [OpaquePointer] = []
  /// Storage of every value that crosses a step boundary or the graph boundary, by value index.
  private var buffers: [Int: AlignedFloatBuffer] = [:]

  /// Partitions the graph and creates the XNNPACK runtimes for these value shapes, running the
  /// nodes `int8` names on int8 values.
  init(
    graph: Graph, shapes: [[Int]], weights: XNNStaticWeights, int8: Int8Assignment?,
    threadPool: OpaquePointer?
  ) throws {
    self.graph = graph
    self.shapes = shapes
    self.weights = weights
    let partition = XNNPartition.steps(for: graph, shapes: shapes)
    var readers = [Int: Set<Int>]()
    for (position, step) in partition.enumerated() {
      for node in step.nodes {
        for value in graph.nodes[node].inputs { readers[value, default: []].insert(position) }
      }
    }
    let graphOutputs = Set(graph.outputs)
    for value in graph.inputs { allocateBuffer(for: value) }
    for value in graph.outputs where graph.constants[value] == nil { allocateBuffer(for: value) }
    for (position, step) in partition.enumerated() {
      switch step {
      case .swift(let node):
        for value in graph.nodes[node].inputs + graph.nodes[node].outputs
        where graph.constants[value] == nil {
          allocateBuffer(for: value)
        }
        steps.append(.swift(node))
      case .xnnpack(let nodes):
        let written = Set(nodes.flatMap { graph.nodes[$0].outputs })
        var inputs: [Int] = []
        for value in nodes.flatMap({ graph.nodes[$0].inputs })
        where !written.contains(value) && graph.constants[value] == nil && !inputs.contains(value) {
          inputs.append(value)
        }
        let outputs = nodes.flatMap { graph.nodes[$0].outputs }.filter { value in
          graphOutputs.contains(value)
            || readers[value, default: []].contains { $0 != position }
        }
        for value in inputs + outputs { allocateBuffer(for: value) }
        let runtime = try XNNSubgraphBuilder.makeRuntime(
          graph: graph, shapes: shapes, nodes: nodes, inputs: inputs, outputs: outputs,
          buffers: buffers, weights: weights, int8: int8, threadPool: threadPool)
        runtimes.append(runtime)
        steps.append(.xnnpack(runtime, "nodes \(nodes.first ?? 0)...\(nodes.last ?? 0)"))
      }
    }
  }

  deinit {
    for runtime in runtimes { xnn_delete_runtime(runtime) }
    for buffer in buffers.values { buffer.deallocate() }
  }

  /// Runs every step on inputs whose shapes are the ones this plan was built for.
  func run(_ inputs: [Tensor]) throws -> [Tensor] {
    for (value, tensor) in zip(graph.inputs, inputs) { buffers[value]?.write(tensor.data) }
    for step in steps {
      switch step {
      case .xnnpack(let runtime, let label):
        try XNNLibrary.check(xnn_invoke_runtime(runtime), "xnn_invoke_runtime", for: label)
      case .swift(let index):
        let node = graph.nodes[index]
        let operands = try node.inputs.map { try tensor(of: $0) }
        let output = node.outputs[0]
        let result = try node.operation.definition.evaluate(
          operands, outputShape: shapes[output])
        buffers[output]?.write(result.data)
      }
    }
    return try graph.outputs.map { try tensor(of: $0) }
  }

  /// The current contents of a value: a constant, or a copy of its buffer.
  private func tensor(of value: Int) throws -> Tensor {
    if let constant = graph.constants[value] { return constant }
    guard let buffer = buffers[value] else {
      throw ModelError.runtimeFailure("value \(graph.values[value].name) has no storage")
    }
    return Tensor(shape: shapes[value], data: buffer.read())
  }

  /// Gives a value storage for its shape unless it has some already.
  private func allocateBuffer(for value: Int) {
    guard buffers[value] == nil else { return }
    buffers[value] = AlignedFloatBuffer(count: shapes[value].reduce(1, *))
  }
}

extension XNNPartition.Step {
  /// The node indices of the step.
  fileprivate var nodes: [Int] {
    switch self {
    case .xnnpack(let nodes): return nodes
    case .swift(let node): return [node]
    }
  }
}
