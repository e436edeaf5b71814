import CXNNPACK

/// Elementwise `x` for positive `x` and `slope * x` otherwise (TensorFlow's `LeakyRelu`).
public struct LeakyReLU: Sendable, Equatable {
  /// The factor applied to negative inputs.
  public var slope: Float

  /// Creates a leaky ReLU with `slope` for negative inputs.
  public init(slope: Float) {
    self.slope = slope
  }
}

extension LeakyReLU: GraphOperator {
  var name: String { "leaky relu" }

  func validate() throws {
    try require(slope.isFinite, "slope \(slope) is not finite")
  }

  func outputShape(operands: [[Int]]) throws -> [Int] {
    try singleOperand(operands)
  }

  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let slope = self.slope
    return Tensor(shape: input.shape, data: input.data.map { $0 > 0 ? $0 : $0 * slope })
  }

  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    true
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    try node.check(
      xnn_define_leaky_relu(node.subgraph, slope, node.inputs[0], node.output, 0),
      "xnn_define_leaky_relu")
  }
}
