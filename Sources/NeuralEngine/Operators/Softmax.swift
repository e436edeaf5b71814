import CXNNPACK
import Foundation

/// `exp(x) / sum(exp(x))` along the last axis, each row of the last axis on its own.
public struct Softmax: Sendable, Equatable {
  /// Creates a softmax over the last axis.
  public init() {}
}

extension Softmax: GraphOperator {
  var name: String { "softmax" }

  /// There are no parameters.
  func validate() {}

  func outputShape(operands: [[Int]]) throws -> [Int] {
    let shape = try singleOperand(operands)
    guard !shape.isEmpty else { throw ModelError.invalidShape("softmax of a scalar") }
    return shape
  }

  /// Subtracts each row's maximum before exponentiating, so large inputs do not overflow.
  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let rowLength = outputShape[outputShape.count - 1]
    var output = input.data
    for start in stride(from: 0, to: output.count, by: rowLength) {
      let row = start..<(start + rowLength)
      let largest = output[row].max() ?? 0
      var sum: Float = 0
      for index in row {
        output[index] = Foundation.exp(output[index] - largest)
        sum += output[index]
      }
      for index in row { output[index] /= sum }
    }
    return Tensor(shape: outputShape, data: output)
  }

  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    true
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    try node.check(
      xnn_define_softmax(node.subgraph, node.inputs[0], node.output, 0), "xnn_define_softmax")
  }
}
