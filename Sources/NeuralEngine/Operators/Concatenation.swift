/// Any number of inputs joined along one axis.
public struct Concatenation: Sendable, Equatable {
  /// The axis the inputs are joined along; every other dimension matches.
  public var axis: Int

  /// Creates a concatenation along `axis`.
  public init(axis: Int) {
    self.axis = axis
  }
}

extension Concatenation: GraphOperator {
  var name: String { "concatenate" }

  /// The axis is checked against the inputs by ``outputShape(operands:)``.
  func validate() {}

  func outputShape(operands: [[Int]]) throws -> [Int] {
    guard let first = operands.first else {
      throw ModelError.invalidShape("concatenation of nothing")
    }
    guard axis >= 0, axis < first.count else {
      throw ModelError.invalidShape("concatenation axis \(axis) outside rank \(first.count)")
    }
    var result = first
    result[axis] = 0
    for shape in operands {
      guard shape.count == first.count,
        (0..<shape.count).allSatisfy({ $0 == axis || shape[$0] == first[$0] })
      else {
        throw ModelError.invalidShape("cannot concatenate \(operands) on axis \(axis)")
      }
      result[axis] += shape[axis]
    }
    return result
  }

  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let outer = outputShape[..<axis].reduce(1, *)
    let inner = outputShape[(axis + 1)...].reduce(1, *)
    var output = [Float]()
    output.reserveCapacity(outputShape.reduce(1, *))
    for slice in 0..<outer {
      for input in operands {
        let chunk = input.shape[axis] * inner
        output.append(contentsOf: input.data[(slice * chunk)..<((slice + 1) * chunk)])
      }
    }
    return Tensor(shape: outputShape, data: output)
  }

  /// This XNNPACK version has no concatenation: the node always runs in Swift between
  /// subgraphs.
  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    false
  }

  /// Never reached, since XNNPACK never runs the node; refuses all the same.
  func defineOnXNNPACK(_ node: XNNNode) throws {
    throw ModelError.runtimeFailure("this XNNPACK version has no concatenation for \(node.label)")
  }
}
