import CXNNPACK

/// Elementwise addition of two operands with NumPy-style broadcasting, clamped by a fused
/// activation.
public struct Addition: Sendable, Equatable {
  /// Activation applied to the sum.
  public var activation: FusedActivation

  /// Creates an addition.
  public init(activation: FusedActivation = .none) {
    self.activation = activation
  }
}

extension Addition: GraphOperator {
  var name: String { "add" }

  /// Every activation is valid.
  func validate() {}

  func outputShape(operands: [[Int]]) throws -> [Int] {
    try Broadcasting.outputShape(of: self, operands: operands)
  }

  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let bounds = activation.bounds
    return Broadcasting.combine(
      try operand(0, of: operands), try operand(1, of: operands), outputShape: outputShape
    ) { min(max($0 + $1, bounds.min), bounds.max) }
  }

  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    true
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    let bounds = activation.bounds
    try node.check(
      xnn_define_add2(
        node.subgraph, bounds.min, bounds.max, node.inputs[0], node.inputs[1], node.output, 0),
      "xnn_define_add2")
  }

  /// XNNPACK adds int8 operands into an int8 sum with its own parameters.
  var int8Role: Int8Role { .requantizing }
}
