/// One operator of the engine, with everything the engine knows about it in one place: its
/// parameters (the conforming value itself), their validation, the output-shape rule, the
/// plain-Swift reference kernel, and how XNNPACK runs it, or that it does not and the node runs in
/// Swift between XNNPACK subgraphs.
///
/// Why a protocol and an enum: each operator is one file in `Operators/` (one folder for the
/// convolution family) conforming here, so an operator is read and changed in one place and the
/// graph-level code (shape inference, validation, both runtimes) never switches over operators.
/// Nodes still store the operator as a case of the closed enum ``Operator`` rather than as an
/// `any GraphOperator`: the enum keeps ``Graph`` a plain `Equatable`, `Sendable` value that
/// readers build and tests compare and pattern-match, and its only switch,
/// ``Operator/definition``, maps a case to its payload. Adding an operator is a new conforming
/// file, a case and its line of that switch in ``Operator``, and the readers that produce it.
protocol GraphOperator: Sendable, Equatable {
  /// A short name for messages.
  var name: String { get }

  /// Throws when a parameter is out of range, so running the operator cannot trap on a malformed
  /// model.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` for nonsensical parameters,
  ///   ``ModelError/unsupportedFeature(_:)`` for parameters the runtimes do not implement.
  func validate() throws

  /// The shape this operator produces from operands of the given shapes.
  ///
  /// - Throws: ``ModelError/invalidShape(_:)`` when the operands do not fit the operator,
  ///   ``ModelError/unsupportedFeature(_:)`` for parameters no shape can be computed for.
  func outputShape(operands: [[Int]]) throws -> [Int]

  /// Computes the operator with plain Swift loops: the kernel of ``ReferenceRuntime``, and of the
  /// nodes ``XNNPACKRuntime`` runs between its XNNPACK subgraphs.
  ///
  /// - Parameters:
  ///   - operands: the input tensors; parameters have passed ``validate()`` and shapes
  ///     ``outputShape(operands:)``.
  ///   - outputShape: what ``outputShape(operands:)`` computed for them.
  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor

  /// Whether this XNNPACK version (early 2022) runs the operator on operands of these shapes;
  /// when it does not, the node runs in Swift with ``evaluate(_:outputShape:)`` between XNNPACK
  /// subgraphs.
  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool

  /// Weights the XNNPACK definition reads as static tensors, in the layouts XNNPACK expects;
  /// converted once per runtime, their ids reach ``defineOnXNNPACK(_:)`` in this order.
  var xnnpackWeights: [Tensor] { get }

  /// Adds the operator to an XNNPACK subgraph; called only when
  /// ``runsOnXNNPACK(operandShapes:outputShape:)`` holds.
  ///
  /// - Throws: ``ModelError/runtimeFailure(_:)`` when XNNPACK refuses the definition.
  func defineOnXNNPACK(_ node: XNNNode) throws

  /// How the operator takes part in a graph run with int8 activations.
  var int8Role: Int8Role { get }

  /// The static tensors an int8 definition reads instead of ``xnnpackWeights``, for an input
  /// quantized with `input`; their ids reach ``defineOnXNNPACK(_:)`` in this order.
  func xnnpackInt8Weights(input: QuantizationParameters) -> [ChannelwiseQuantizedWeight]
}

extension GraphOperator {
  /// No static weights, the case of every operator without a filter.
  var xnnpackWeights: [Tensor] { [] }

  /// Runs on fp32 values only, the case of every operator XNNPACK has no int8 kernel of here.
  var int8Role: Int8Role { .floatOnly }

  /// No int8 static weights.
  func xnnpackInt8Weights(input: QuantizationParameters) -> [ChannelwiseQuantizedWeight] { [] }

  /// Throws ``ModelError/malformed(_:)`` naming the operator unless `condition` holds.
  func require(_ condition: Bool, _ detail: @autoclosure () -> String) throws {
    if !condition { throw ModelError.malformed("\(name): \(detail())") }
  }

  /// Throws unless explicit padding amounts are non-negative.
  func requireNonNegative(_ padding: Padding) throws {
    if case .explicit(let top, let left, let bottom, let right) = padding {
      try require(min(top, left, bottom, right) >= 0, "negative padding")
    }
  }

  /// The shape of the only operand.
  func singleOperand(_ operands: [[Int]]) throws -> [Int] {
    guard operands.count == 1 else {
      throw ModelError.invalidShape("\(name) takes one input, got \(operands.count)")
    }
    return operands[0]
  }

  /// The shape of the only operand, which must be a rank-4 NHWC activation.
  func nhwcOperand(_ operands: [[Int]]) throws -> [Int] {
    let shape = try singleOperand(operands)
    guard shape.count == 4 else {
      throw ModelError.invalidShape("\(name) needs a rank-4 NHWC input, got \(shape)")
    }
    return shape
  }

  /// Operand `index` of a kernel.
  func operand(_ index: Int, of operands: [Tensor]) throws -> Tensor {
    guard index < operands.count else {
      throw ModelError.invalidShape("\(name) is missing input \(index + 1)")
    }
    return operands[index]
  }
}
