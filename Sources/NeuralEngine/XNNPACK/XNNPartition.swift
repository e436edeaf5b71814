/// Splits a graph's nodes, in a topological order, into maximal runs that XNNPACK executes as one
/// subgraph and single nodes that run in Swift.
enum XNNPartition {
  /// One step of execution.
  enum Step {
    /// Consecutive nodes, by index, for one XNNPACK subgraph.
    case xnnpack([Int])
    /// One node, by index, computed in Swift by its operator's
    /// ``GraphOperator/evaluate(_:outputShape:)``.
    case swift(Int)
  }

  /// The steps for a graph whose values have the given shapes.
  ///
  /// Nodes are scheduled in a topological order that keeps an XNNPACK run going as long as any
  /// supported node is ready, so a Swift node waits until nothing else can join the current run;
  /// ties keep the graph's own order.
  static func steps(for graph: Graph, shapes: [[Int]]) -> [Step] {
    let supported = graph.nodes.map { node in
      isSupported(
        node.operation, operandShapes: node.inputs.map { shapes[$0] },
        outputShape: shapes[node.outputs[0]])
    }
    var producer = [Int: Int]()
    for (index, node) in graph.nodes.enumerated() {
      for value in node.outputs { producer[value] = index }
    }
    var missingInputs = graph.nodes.map { node in
      node.inputs.filter { producer[$0] != nil }.count
    }
    var consumers = [Int: [Int]]()
    for (index, node) in graph.nodes.enumerated() {
      for value in node.inputs where producer[value] != nil {
        consumers[value, default: []].append(index)
      }
    }
    var ready = Set(graph.nodes.indices.filter { missingInputs[$0] == 0 })
    var steps: [Step] = []
    var run: [Int] = []
    while let next = ready.filter({ supported[$0] }).min() ?? ready.min() {
      ready.remove(next)
      if supported[next] {
        run.append(next)
      } else {
        if !run.isEmpty { steps.append(.xnnpack(run)) }
        run = []
        steps.append(.swift(next))
      }
      for value in graph.nodes[next].outputs {
        for consumer in consumers[value, default: []] {
          missingInputs[consumer] -= 1
          if missingInputs[consumer] == 0 { ready.insert(consumer) }
        }
      }
    }
    if !run.isEmpty { steps.append(.xnnpack(run)) }
    return steps
  }

  /// Whether XNNPACK accepts the operation with these shapes: every rank within XNNPACK's limit,
  /// and the operator's own ``GraphOperator/runsOnXNNPACK(operandShapes:outputShape:)``.
  static func isSupported(_ operation: Operator, operandShapes: [[Int]], outputShape: [Int])
    -> Bool
  {
    let ranks = operandShapes.map(\.count) + [outputShape.count]
    guard ranks.allSatisfy({ (1...XNNLibrary.maximumRank).contains($0) }) else { return false }
    return operation.definition.runsOnXNNPACK(
      operandShapes: operandShapes, outputShape: outputShape)
  }
}
