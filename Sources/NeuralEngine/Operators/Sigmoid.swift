import CXNNPACK
import Foundation

/// Elementwise `1 / (1 + exp(-x))`.
public struct Sigmoid: Sendable, Equatable {
  /// Creates a sigmoid.
  public init() {}
}

extension Sigmoid: GraphOperator {
  var name: String { "sigmoid" }

  /// There are no parameters.
  func validate() {}

  func outputShape(operands: [[Int]]) throws -> [Int] {
    try singleOperand(operands)
  }

  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    return Tensor(shape: input.shape, data: input.data.map { 1 / (1 + Foundation.exp(-$0)) })
  }

  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    true
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    try node.check(
      xnn_define_sigmoid(node.subgraph, node.inputs[0], node.output, 0), "xnn_define_sigmoid")
  }
}
