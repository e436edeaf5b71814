import Testing

@testable import NeuralEngine

/// The per-operator units that the runtime tests reach only indirectly: parameter validation,
/// shape rules, the choice between XNNPACK and Swift, and the shared window arithmetic.
@Suite struct OperatorTests {
  typealias Support = RuntimeTestSupport

  static let filter = Tensor(shape: [2, 3, 3, 2], repeating: 1)

  // MARK: Validation

  static let malformedOperations: [(Operator, ModelError)] = [
    (
      .convolution(Convolution2D(filter: filter, bias: nil, strideHeight: 0)),
      .malformed("convolution: strides and dilations must be positive")
    ),
    (
      .convolution(Convolution2D(filter: filter, bias: nil, groups: 3)),
      .malformed("convolution: 2 outputs in 3 groups")
    ),
    (
      .convolution(
        Convolution2D(filter: filter, bias: Tensor(shape: [3]), padding: .none)),
      .malformed("convolution: 3 biases for 2 output channels")
    ),
    (
      .convolution(
        Convolution2D(
          filter: filter, bias: nil, padding: .explicit(top: -1, left: 0, bottom: 0, right: 0))),
      .malformed("convolution: negative padding")
    ),
    (
      .deconvolution(
        Deconvolution2D(filter: filter, bias: nil, strideHeight: 2, strideWidth: 2, padding: .same)),
      .unsupportedFeature("SAME padding on a transposed convolution")
    ),
    (
      .deconvolution(
        Deconvolution2D(
          filter: filter, bias: nil, strideHeight: 2, strideWidth: 2, adjustmentHeight: -1)),
      .malformed("deconvolution: negative output adjustment")
    ),
    (
      .maxPool(
        MaxPooling2D(
          kernelHeight: 2, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
          padding: .explicit(top: 2, left: 0, bottom: 0, right: 0))),
      .malformed("max pool: padding must be smaller than the window")
    ),
    (
      .maxPool(MaxPooling2D(kernelHeight: 0, kernelWidth: 2, strideHeight: 1, strideWidth: 1)),
      .malformed("max pool: window and strides must be positive")
    ),
    (
      .resizeBilinear(
        BilinearResize(height: 4, width: 4, alignCorners: true, halfPixelCenters: true)),
      .unsupportedFeature("bilinear resize with both aligned corners and half-pixel centers")
    ),
    (
      .resizeBilinear(
        BilinearResize(height: 0, width: 4, alignCorners: false, halfPixelCenters: false)),
      .malformed("bilinear resize: output size must be positive")
    ),
    (
      .resizeNearest(
        NearestResize(
          size: .fixed(height: 4, width: 0), alignCorners: false, halfPixelCenters: false)),
      .malformed("nearest resize: output size must be positive")
    ),
    (
      .resizeNearest(
        NearestResize(size: .matchingSecondOperand, alignCorners: true, halfPixelCenters: true)),
      .unsupportedFeature("nearest resize with both aligned corners and half-pixel centers")
    ),
    (.leakyReLU(LeakyReLU(slope: .nan)), .malformed("leaky relu: slope nan is not finite")),
    (.reshape(Reshape(shape: [1, 0])), .malformed("reshape: bad target shape [1, 0]")),
    (.clamp(Clamp(min: 1, max: 0)), .malformed("clamp: bad bounds 1.0...0.0")),
    (.clamp(Clamp(min: .nan, max: 0)), .malformed("clamp: bad bounds nan...0.0")),
  ]

  @Test(arguments: malformedOperations)
  func malformedParametersAreRefusedBeforeRunning(operation: Operator, error: ModelError) {
    #expect(throws: error) { try operation.definition.validate() }
    let graph = Support.singleOperationGraph(operation)
    #expect(throws: error) {
      try ReferenceRuntime(graph: graph).run([Tensor(shape: [1, 4, 4, 2])])
    }
  }

  // MARK: Shape rules

  @Test func shapeRulesRefuseOperandsThatDoNotFit() {
    let mismatches: [(Operator, [[Int]])] = [
      (.add(Addition()), [[1, 2, 3], [1, 4, 3]]),
      (.multiply(Multiplication()), [[1, 2, 3]]),
      (.concatenate(Concatenation(axis: 3)), [[1, 2, 3, 4], [1, 2, 4, 4]]),
      (.concatenate(Concatenation(axis: 4)), [[1, 2, 3, 4]]),
      (.depthToSpace(DepthToSpace(blockSize: 2)), [[1, 2, 3, 6]]),
      (.pad(ConstantPad(before: [0, 1], after: [0, 1], value: 0)), [[1, 2, 3, 4]]),
      (.sigmoid(Sigmoid()), [[1, 2], [1, 2]]),
      (
        .maxPool(MaxPooling2D(kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2)),
        [[4, 4]]
      ),
    ]
    for (operation, operands) in mismatches {
      #expect(throws: ModelError.self, "\(operation.name) of \(operands)") {
        try operation.outputShape(operands: operands)
      }
    }
  }

  @Test func shapeRulesOfTheLayoutOperators() throws {
    #expect(
      try Operator.concatenate(Concatenation(axis: 1)).outputShape(operands: [
        [1, 2, 3], [1, 5, 3],
      ])
        == [1, 7, 3])
    #expect(
      try Operator.depthToSpace(DepthToSpace(blockSize: 2)).outputShape(operands: [[1, 2, 3, 8]])
        == [1, 4, 6, 2])
    #expect(
      try Operator.pad(ConstantPad(before: [0, 1], after: [2, 0], value: 0)).outputShape(
        operands: [[3, 4]]) == [5, 5])
    #expect(
      try Operator.add(Addition()).outputShape(operands: [[1, 4, 5, 6], [6]]) == [1, 4, 5, 6])
  }

  @Test func sameWindowPutsTheSmallerHalfOfThePaddingFirst() {
    let window = SlidingWindow(
      kernel: (height: 3, width: 3), stride: (height: 2, width: 2), dilation: (height: 1, width: 1),
      padding: .same)
    #expect(
      window.paddingAmounts(inputShape: [1, 8, 9, 1])
        == PaddingAmounts(top: 0, left: 1, bottom: 1, right: 1))
    #expect(window.outputSize(inputShape: [1, 8, 9, 1]) == (4, 5))
  }

  // MARK: XNNPACK or Swift

  /// Parameters this XNNPACK version refuses, so the node runs in Swift between subgraphs.
  static let swiftOnlyOperations: [(Operator, [[Int]])] = [
    (.concatenate(Concatenation(axis: 3)), [[1, 3, 4, 2], [1, 3, 4, 5]]),
    (.clamp(Clamp(min: 0.25, max: 0.25)), [[1, 3, 4, 5]]),
    (
      .maxPool(MaxPooling2D(kernelHeight: 1, kernelWidth: 1, strideHeight: 2, strideWidth: 2)),
      [[1, 6, 5, 3]]
    ),
    (.pad(ConstantPad(before: [0, -1, 0, 0], after: [0, 1, 1, 0], value: 2)), [[1, 3, 4, 3]]),
    (
      .deconvolution(
        Deconvolution2D(
          filter: Support.randomTensor([3, 2, 2, 4], seed: 5), bias: nil, strideHeight: 2,
          strideWidth: 2, adjustmentHeight: 2)),
      [[1, 3, 3, 4]]
    ),
  ]

  @Test(arguments: swiftOnlyOperations)
  func operationsXNNPACKRefusesRunInSwift(operation: Operator, inputShapes: [[Int]]) throws {
    let graph = Support.singleOperationGraph(operation, inputCount: inputShapes.count)
    let shapes = try graph.inferShapes(inputShapes: inputShapes)
    let steps = XNNPartition.steps(for: graph, shapes: shapes)
    guard case .swift(0) = try #require(steps.first), steps.count == 1 else {
      Issue.record("\(operation.name) should run in Swift, got \(steps)")
      return
    }
    try Support.expectOperationAgrees(operation, inputShapes: inputShapes)
  }

  @Test func everyOperatorKeepsItsName() {
    let operations: [Operator] = [
      .convolution(Convolution2D(filter: Self.filter, bias: nil)),
      .deconvolution(
        Deconvolution2D(filter: Self.filter, bias: nil, strideHeight: 1, strideWidth: 1)),
      .add(Addition()), .multiply(Multiplication()), .clamp(Clamp(min: 0, max: 1)),
      .sigmoid(Sigmoid()), .pad(ConstantPad(before: [], after: [], value: 0)),
      .maxPool(MaxPooling2D(kernelHeight: 1, kernelWidth: 1, strideHeight: 1, strideWidth: 1)),
      .resizeBilinear(
        BilinearResize(height: 1, width: 1, alignCorners: false, halfPixelCenters: false)),
      .reshape(Reshape(shape: [])), .concatenate(Concatenation(axis: 0)),
      .depthToSpace(DepthToSpace(blockSize: 1)),
    ]
    #expect(
      operations.map(\.name) == [
        "convolution", "deconvolution", "add", "multiply", "clamp", "sigmoid", "pad", "max pool",
        "bilinear resize", "reshape", "concatenate", "depth to space",
      ])
  }
}
