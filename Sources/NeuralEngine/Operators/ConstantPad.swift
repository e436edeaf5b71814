import CXNNPACK

/// Padding of every axis with a constant value.
public struct ConstantPad: Sendable, Equatable {
  /// Elements added before the input along each axis.
  public var before: [Int]
  /// Elements added after the input along each axis.
  public var after: [Int]
  /// The value of the added elements.
  public var value: Float

  /// Creates a pad of `before[i]` and `after[i]` elements on axis `i`.
  public init(before: [Int], after: [Int], value: Float) {
    self.before = before
    self.after = after
    self.value = value
  }
}

extension ConstantPad: GraphOperator {
  var name: String { "pad" }

  /// Amounts are checked against the input by ``outputShape(operands:)``, and a negative one
  /// crops, which the kernel handles.
  func validate() {}

  func outputShape(operands: [[Int]]) throws -> [Int] {
    let input = try singleOperand(operands)
    guard before.count == input.count, after.count == input.count else {
      throw ModelError.invalidShape("pad amounts do not match input rank \(input.count)")
    }
    return (0..<input.count).map { input[$0] + before[$0] + after[$0] }
  }

  /// Element `i` of the output along an axis reads input element `i - before[axis]` when that
  /// exists, and is ``value`` otherwise.
  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let rank = outputShape.count
    var inputStrides = [Int](repeating: 1, count: rank)
    for axis in stride(from: rank - 2, through: 0, by: -1) {
      inputStrides[axis] = inputStrides[axis + 1] * input.shape[axis + 1]
    }
    let count = outputShape.reduce(1, *)
    var output = [Float](repeating: value, count: count)
    for index in 0..<count {
      var remainder = index
      var inputIndex = 0
      var inside = true
      for axis in stride(from: rank - 1, through: 0, by: -1) {
        let coordinate = remainder % outputShape[axis] - before[axis]
        remainder /= outputShape[axis]
        if coordinate < 0 || coordinate >= input.shape[axis] {
          inside = false
          break
        }
        inputIndex += coordinate * inputStrides[axis]
      }
      if inside { output[index] = input.data[inputIndex] }
    }
    return Tensor(shape: outputShape, data: output)
  }

  /// XNNPACK pads but does not crop.
  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    (before + after).allSatisfy { $0 >= 0 }
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    try node.check(
      xnn_define_static_constant_pad(
        node.subgraph, before, after, value, node.inputs[0], node.output, 0),
      "xnn_define_static_constant_pad")
  }

  /// Padding int8 values copies them; the fill is quantized with the same parameters.
  var int8Role: Int8Role { .keepingParameters }
}
