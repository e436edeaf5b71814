import CXNNPACK

/// A new shape for one input, with the same elements in the same order.
public struct Reshape: Sendable, Equatable {
  /// The target shape; at most one `-1` is inferred from the element count.
  public var shape: [Int]

  /// Creates a reshape to `shape`.
  public init(shape: [Int]) {
    self.shape = shape
  }
}

extension Reshape: GraphOperator {
  var name: String { "reshape" }

  func validate() throws {
    try require(shape.allSatisfy { $0 > 0 || $0 == -1 }, "bad target shape \(shape)")
  }

  func outputShape(operands: [[Int]]) throws -> [Int] {
    let input = try singleOperand(operands)
    let total = input.reduce(1, *)
    let known = shape.filter { $0 != -1 }.reduce(1, *)
    let unknownCount = shape.filter { $0 == -1 }.count
    guard unknownCount <= 1, known > 0,
      unknownCount == 1 ? total % known == 0 : total == known
    else {
      throw ModelError.invalidShape("cannot reshape \(input) to \(shape)")
    }
    return shape.map { $0 == -1 ? total / known : $0 }
  }

  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    Tensor(shape: outputShape, data: try operand(0, of: operands).data)
  }

  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    true
  }

  /// XNNPACK is given the inferred shape, `-1` resolved.
  func defineOnXNNPACK(_ node: XNNNode) throws {
    try node.check(
      xnn_define_static_reshape(
        node.subgraph, node.outputShape.count, node.outputShape, node.inputs[0], node.output, 0),
      "xnn_define_static_reshape")
  }
}
