import CXNNPACK

/// Elementwise `min(max(x, min), max)`; covers ReLU and ReLU6.
public struct Clamp: Sendable, Equatable {
  /// The lower bound.
  public var min: Float
  /// The upper bound.
  public var max: Float

  /// Creates a clamp to `min...max`.
  public init(min: Float, max: Float) {
    self.min = min
    self.max = max
  }
}

extension Clamp: GraphOperator {
  var name: String { "clamp" }

  func validate() throws {
    try require(!min.isNaN && !max.isNaN && min <= max, "bad bounds \(min)...\(max)")
  }

  func outputShape(operands: [[Int]]) throws -> [Int] {
    try singleOperand(operands)
  }

  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let (lower, upper) = (min, max)
    return Tensor(
      shape: input.shape, data: input.data.map { Swift.min(Swift.max($0, lower), upper) })
  }

  /// XNNPACK refuses an empty range, `min == max`.
  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    min < max
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    try node.check(
      xnn_define_clamp(node.subgraph, min, max, node.inputs[0], node.output, 0),
      "xnn_define_clamp")
  }

  /// Clamping int8 values needs no new parameters.
  var int8Role: Int8Role { .keepingParameters }
}
