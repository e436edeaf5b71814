import CXNNPACK

/// Elementwise multiplication of two operands with NumPy-style broadcasting.
public struct Multiplication: Sendable, Equatable {
  /// Creates a multiplication.
  public init() {}
}

extension Multiplication: GraphOperator {
  var name: String { "multiply" }

  /// There are no parameters.
  func validate() {}

  func outputShape(operands: [[Int]]) throws -> [Int] {
    try Broadcasting.outputShape(of: self, operands: operands)
  }

  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    Broadcasting.combine(
      try operand(0, of: operands), try operand(1, of: operands), outputShape: outputShape
    ) { $0 * $1 }
  }

  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    true
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    try node.check(
      xnn_define_multiply2(
        node.subgraph, -.infinity, .infinity, node.inputs[0], node.inputs[1], node.output, 0),
      "xnn_define_multiply2")
  }
}
