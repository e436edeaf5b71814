/// Splits a graph's nodes, in order, into maximal runs that XNNPACK executes as one subgraph and
/// single nodes that run in Swift.
enum XNNPartition {
  /// One step of execution.
  enum Step {
    /// Consecutive nodes, by index, for one XNNPACK subgraph.
    case xnnpack([Int])
    /// One node, by index, computed by ``ReferenceKernels``.
    case swift(Int)
  }

  /// The steps for a graph whose values have the given shapes.
  static func steps(for graph: Graph, shapes: [[Int]]) -> [Step] {
    var steps: [Step] = []
    var run: [Int] = []
    for (index, node) in graph.nodes.enumerated() {
      let operandShapes = node.inputs.map { shapes[$0] }
      if isSupported(
        node.operation, operandShapes: operandShapes, outputShape: shapes[node.outputs[0]])
      {
        run.append(index)
      } else {
        if !run.isEmpty { steps.append(.xnnpack(run)) }
        run = []
        steps.append(.swift(index))
      }
    }
    if !run.isEmpty { steps.append(.xnnpack(run)) }
    return steps
  }

  /// Whether this XNNPACK version (early 2022, without concatenation, copy or transpose nodes)
  /// accepts the operation with these shapes.
  static func isSupported(_ operation: Operation, operandShapes: [[Int]], outputShape: [Int])
    -> Bool
  {
    let ranks = operandShapes.map(\.count) + [outputShape.count]
    guard ranks.allSatisfy({ (1...XNNLibrary.maximumRank).contains($0) }) else { return false }
    switch operation {
    case .convolution, .add, .multiply, .sigmoid, .depthToSpace, .reshape:
      return true
    case .deconvolution(let deconvolution):
      return deconvolution.adjustmentHeight < deconvolution.strideHeight
        && deconvolution.adjustmentWidth < deconvolution.strideWidth
    case .clamp(let lower, let upper):
      return lower < upper
    case .pad(let before, let after, _):
      return (before + after).allSatisfy { $0 >= 0 }
    case .maxPool(let pooling):
      return pooling.kernelHeight * pooling.kernelWidth > 1
    case .resizeBilinear(_, _, let alignCorners, let halfPixelCenters):
      return !(alignCorners && halfPixelCenters)
    case .concatenate:
      return false
    }
  }
}
