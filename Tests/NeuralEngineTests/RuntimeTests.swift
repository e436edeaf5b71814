import Foundation
import Testing

@testable import NeuralEngine

@Suite struct RuntimeTests {
  typealias Support = RuntimeTestSupport

  // MARK: XNNPACK against the reference, one operation at a time

  @Test func pointwiseConvolution() throws {
    try Support.expectOperationAgrees(
      Support.convolution(outputChannels: 8, kernel: 1, inputChannels: 5),
      inputShapes: [[1, 6, 7, 5]])
  }

  @Test func strideTwoSameConvolution() throws {
    try Support.expectOperationAgrees(
      Support.convolution(
        outputChannels: 6, kernel: 3, inputChannels: 4, stride: 2, padding: .same),
      inputShapes: [[1, 9, 12, 4]])
  }

  @Test func asymmetricExplicitPaddingConvolution() throws {
    try Support.expectOperationAgrees(
      Support.convolution(
        outputChannels: 4, kernel: 3, inputChannels: 3,
        padding: .explicit(top: 0, left: 2, bottom: 1, right: 0)),
      inputShapes: [[1, 7, 6, 3]])
  }

  @Test func groupedConvolution() throws {
    try Support.expectOperationAgrees(
      Support.convolution(
        outputChannels: 6, kernel: 3, inputChannels: 4, groups: 2, padding: .same),
      inputShapes: [[1, 5, 5, 4]])
  }

  @Test func depthwiseConvolution() throws {
    try Support.expectOperationAgrees(
      Support.convolution(
        outputChannels: 8, kernel: 3, inputChannels: 8, groups: 8, stride: 2, padding: .same),
      inputShapes: [[1, 10, 9, 8]])
  }

  @Test func depthwiseConvolutionWithMultiplier() throws {
    try Support.expectOperationAgrees(
      Support.convolution(outputChannels: 6, kernel: 3, inputChannels: 3, groups: 3),
      inputShapes: [[1, 6, 6, 3]])
  }

  @Test func dilatedConvolution() throws {
    try Support.expectOperationAgrees(
      Support.convolution(
        outputChannels: 3, kernel: 3, inputChannels: 2, dilation: 2, padding: .same),
      inputShapes: [[1, 9, 8, 2]])
  }

  @Test(arguments: [FusedActivation.relu, .relu6])
  func convolutionWithFusedActivation(_ activation: FusedActivation) throws {
    let operation = Support.convolution(
      outputChannels: 4, kernel: 3, inputChannels: 3, padding: .same, activation: activation)
    try Support.expectOperationAgrees(operation, inputShapes: [[1, 5, 5, 3]])
    let output = try ReferenceRuntime(graph: Support.singleOperationGraph(operation))
      .run([Support.randomTensor([1, 5, 5, 3], seed: 3, range: -4...4)])[0]
    #expect(output.data.allSatisfy { $0 >= 0 && $0 <= activation.bounds.max })
  }

  @Test func strideTwoDeconvolutionWithPaddingAndAdjustment() throws {
    let deconvolution = Deconvolution2D(
      filter: Support.randomTensor([3, 4, 4, 5], seed: 11),
      bias: Support.randomTensor([3], seed: 12), strideHeight: 2, strideWidth: 2,
      padding: .explicit(top: 1, left: 1, bottom: 1, right: 1), adjustmentHeight: 1,
      adjustmentWidth: 1)
    try Support.expectOperationAgrees(.deconvolution(deconvolution), inputShapes: [[1, 4, 5, 5]])
  }

  @Test func addBroadcastsPerChannelConstant() throws {
    try Support.expectOperationAgrees(
      .add(Addition(activation: .none)), inputShapes: [[1, 4, 5, 6]], constantShapes: [[6]])
  }

  @Test func addWithReluOfTwoInputs() throws {
    try Support.expectOperationAgrees(
      .add(Addition(activation: .relu)), inputShapes: [[1, 4, 5, 6], [1, 4, 5, 6]])
  }

  @Test func multiplyBroadcastsAcrossSpace() throws {
    try Support.expectOperationAgrees(
      .multiply(Multiplication()), inputShapes: [[1, 4, 5, 6], [1, 1, 1, 6]])
  }

  @Test func clamp() throws {
    try Support.expectOperationAgrees(
      .clamp(Clamp(min: -0.25, max: 0.5)), inputShapes: [[1, 3, 4, 5]])
  }

  @Test func sigmoid() throws {
    try Support.expectOperationAgrees(.sigmoid(Sigmoid()), inputShapes: [[1, 3, 4, 5]])
  }

  @Test func padSpaceAndChannels() throws {
    try Support.expectOperationAgrees(
      .pad(ConstantPad(before: [0, 1, 0, 2], after: [0, 2, 1, 3], value: 0.5)),
      inputShapes: [[1, 3, 4, 3]])
  }

  @Test(arguments: [Padding.same, .none])
  func maxPool(_ padding: Padding) throws {
    try Support.expectOperationAgrees(
      .maxPool(
        MaxPooling2D(
          kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2, padding: padding)),
      inputShapes: [[1, 8, 9, 4]])
  }

  @Test(arguments: [(true, false), (false, true), (false, false)])
  func resizeBilinear(_ mode: (alignCorners: Bool, halfPixelCenters: Bool)) throws {
    try Support.expectOperationAgrees(
      .resizeBilinear(
        BilinearResize(
          height: 7, width: 10, alignCorners: mode.alignCorners,
          halfPixelCenters: mode.halfPixelCenters)),
      inputShapes: [[1, 4, 5, 3]])
  }

  @Test func leakyReLU() throws {
    try Support.expectOperationAgrees(
      .leakyReLU(LeakyReLU(slope: 0.1)), inputShapes: [[1, 3, 4, 5]])
  }

  @Test(arguments: [[1, 6, 2], [1, 3, 4, 5]])
  func softmax(_ shape: [Int]) throws {
    try Support.expectOperationAgrees(.softmax(Softmax()), inputShapes: [shape])
  }

  @Test(arguments: [(false, true), (false, false), (true, false)])
  func resizeNearestToAFixedSize(_ mode: (alignCorners: Bool, halfPixelCenters: Bool)) throws {
    try Support.expectOperationAgrees(
      .resizeNearest(
        NearestResize(
          size: .fixed(height: 7, width: 10), alignCorners: mode.alignCorners,
          halfPixelCenters: mode.halfPixelCenters)),
      inputShapes: [[1, 4, 5, 3]])
  }

  @Test func resizeNearestToTheSizeOfAnotherValue() throws {
    try Support.expectOperationAgrees(
      .resizeNearest(
        NearestResize(size: .matchingSecondOperand, alignCorners: false, halfPixelCenters: true)),
      inputShapes: [[1, 3, 4, 2], [1, 6, 8, 5]])
  }

  @Test func reshape() throws {
    try Support.expectOperationAgrees(
      .reshape(Reshape(shape: [1, -1, 6])), inputShapes: [[1, 4, 5, 6]])
  }

  @Test func concatenateChannels() throws {
    try Support.expectOperationAgrees(
      .concatenate(Concatenation(axis: 3)), inputShapes: [[1, 3, 4, 2], [1, 3, 4, 5]])
  }

  @Test func depthToSpace() throws {
    try Support.expectOperationAgrees(
      .depthToSpace(DepthToSpace(blockSize: 2)), inputShapes: [[1, 3, 4, 12]])
  }

  // MARK: Hand-computed expectations for the reference

  @Test func threeByThreeConvolutionByHand() throws {
    let convolution = Convolution2D(
      filter: Tensor(shape: [1, 3, 3, 1], data: [1, 0, -1, 2, 0, -2, 1, 0, -1]),
      bias: Tensor(shape: [1], data: [10]), padding: .same)
    let graph = Support.singleOperationGraph(.convolution(convolution))
    let input = Tensor(shape: [1, 3, 3, 1], data: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    let output = try ReferenceRuntime(graph: graph).run([input])[0]
    // Sobel-x with zero padding: left column sees only the right neighbours negated, and so on.
    let expected: [Float] = [
      10 - (2 * 2 + 5), 10 + (2 * 1 + 4) - (2 * 3 + 6), 10 + (2 * 2 + 5),
      10 - (2 + 2 * 5 + 8), 10 + (1 + 2 * 4 + 7) - (3 + 2 * 6 + 9), 10 + (2 + 2 * 5 + 8),
      10 - (5 + 2 * 8), 10 + (4 + 2 * 7) - (6 + 2 * 9), 10 + (5 + 2 * 8),
    ]
    #expect(output.shape == [1, 3, 3, 1])
    #expect(output.data == expected)
  }

  @Test func depthToSpaceUsesTensorFlowOrder() throws {
    let graph = Support.singleOperationGraph(.depthToSpace(DepthToSpace(blockSize: 2)))
    let input = Tensor(shape: [1, 1, 1, 8], data: [0, 1, 2, 3, 4, 5, 6, 7])
    let output = try ReferenceRuntime(graph: graph).run([input])[0]
    #expect(output.shape == [1, 2, 2, 2])
    #expect(output.data == [0, 1, 2, 3, 4, 5, 6, 7])
    let xnnpack = try XNNPACKRuntime(graph: graph, threads: 1).run([input])[0]
    #expect(xnnpack.data == output.data)
  }

  @Test func bilinearHalfPixelCentersByHand() throws {
    let graph = Support.singleOperationGraph(
      .resizeBilinear(
        BilinearResize(height: 1, width: 4, alignCorners: false, halfPixelCenters: true)))
    let input = Tensor(shape: [1, 1, 2, 1], data: [0, 4])
    let output = try ReferenceRuntime(graph: graph).run([input])[0]
    // Sample points -0.25, 0.25, 0.75, 1.25 in input pixels, clamped at the borders.
    #expect(output.data == [0, 1, 3, 4])
  }

  @Test func nearestResizeByHand() throws {
    let input = Tensor(shape: [1, 1, 3, 1], data: [0, 1, 2])
    let expectations: [(Bool, Bool, [Float])] = [
      // Half-pixel centres: (i + 0.5) * 3 / 5 = 0.3, 0.9, 1.5, 2.1, 2.7, floored.
      (false, true, [0, 0, 1, 2, 2]),
      // Legacy: i * 3 / 5 = 0, 0.6, 1.2, 1.8, 2.4, floored.
      (false, false, [0, 0, 1, 1, 2]),
      // Aligned corners: i * 2 / 4 = 0, 0.5, 1, 1.5, 2, rounded half away from zero.
      (true, false, [0, 1, 1, 2, 2]),
    ]
    for (alignCorners, halfPixelCenters, expected) in expectations {
      let graph = Support.singleOperationGraph(
        .resizeNearest(
          NearestResize(
            size: .fixed(height: 1, width: 5), alignCorners: alignCorners,
            halfPixelCenters: halfPixelCenters)))
      #expect(try ReferenceRuntime(graph: graph).run([input])[0].data == expected)
    }
  }

  @Test func softmaxByHand() throws {
    let graph = Support.singleOperationGraph(.softmax(Softmax()))
    let output = try ReferenceRuntime(graph: graph).run([
      Tensor(shape: [2, 2], data: [0, 0, 1000, 1000 + Float(log(3.0))])
    ])[0]
    #expect(output.data.map { ($0 * 1000).rounded() / 1000 } == [0.5, 0.5, 0.25, 0.75])
  }

  @Test func maxPoolIgnoresPadding() throws {
    let graph = Support.singleOperationGraph(
      .maxPool(
        MaxPooling2D(
          kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2, padding: .same))
    )
    let input = Tensor(shape: [1, 1, 3, 1], data: [-3, -2, -1])
    let output = try ReferenceRuntime(graph: graph).run([input])[0]
    #expect(output.data == [-2, -1])
  }

  // MARK: Graphs, caching and errors

  /// conv -> concatenate(with the conv's input) -> conv, so XNNPACK, Swift and XNNPACK take turns.
  private func mixedGraph() -> Graph {
    Graph(
      values: (0..<4).map { Graph.Value(name: "v\($0)") },
      nodes: [
        Graph.Node(
          operation: Support.convolution(
            outputChannels: 4, kernel: 3, inputChannels: 3, padding: .same, activation: .relu),
          inputs: [0], outputs: [1]),
        Graph.Node(operation: .concatenate(Concatenation(axis: 3)), inputs: [1, 0], outputs: [2]),
        Graph.Node(
          operation: Support.convolution(
            outputChannels: 2, kernel: 3, inputChannels: 7, stride: 2, padding: .same, seed: 21),
          inputs: [2], outputs: [3]),
      ],
      inputs: [0], outputs: [3, 1])
  }

  @Test func mixedXNNPACKAndSwiftGraph() throws {
    let graph = mixedGraph()
    let shapes = try graph.inferShapes(inputShapes: [[1, 6, 7, 3]])
    let steps = XNNPartition.steps(for: graph, shapes: shapes)
    #expect(steps.count == 3)
    try Support.expectRuntimesAgree(graph, inputs: [Support.randomTensor([1, 6, 7, 3], seed: 5)])
  }

  @Test func independentNodesJoinTheRunBeforeASwiftNode() throws {
    // Listed order: conv, concatenate, conv; the second conv does not need the concatenation.
    let graph = Graph(
      values: (0..<4).map { Graph.Value(name: "v\($0)") },
      nodes: [
        Graph.Node(
          operation: Support.convolution(outputChannels: 2, kernel: 1, inputChannels: 3),
          inputs: [0], outputs: [1]),
        Graph.Node(operation: .concatenate(Concatenation(axis: 3)), inputs: [1, 0], outputs: [2]),
        Graph.Node(
          operation: Support.convolution(outputChannels: 4, kernel: 3, inputChannels: 3, seed: 9),
          inputs: [0], outputs: [3]),
      ],
      inputs: [0], outputs: [2, 3])
    let steps = XNNPartition.steps(
      for: graph, shapes: try graph.inferShapes(inputShapes: [[1, 5, 6, 3]]))
    #expect(steps.count == 2)
    guard case .xnnpack(let nodes) = steps.first else {
      Issue.record("the first step should be an XNNPACK run, got \(steps)")
      return
    }
    #expect(nodes == [0, 2])
    try Support.expectRuntimesAgree(graph, inputs: [Support.randomTensor([1, 5, 6, 3], seed: 4)])
  }

  @Test func cachedPlansAreReusedAcrossShapes() throws {
    let graph = mixedGraph()
    let runtime = XNNPACKRuntime(graph: graph, threads: 2)
    let reference = ReferenceRuntime(graph: graph)
    let inputs = [
      Support.randomTensor([1, 6, 7, 3], seed: 8), Support.randomTensor([1, 9, 12, 3], seed: 9),
      Support.randomTensor([1, 6, 7, 3], seed: 10),
    ]
    for (position, input) in inputs.enumerated() {
      let actual = try runtime.run([input])
      #expect(runtime.cachedPlanCount == min(position + 1, 2))
      for (fast, expected) in zip(actual, try reference.run([input])) {
        #expect(fast.shape == expected.shape)
        #expect(Support.maximumDifference(fast, expected) < 1e-4)
      }
    }
  }

  @Test func leastRecentlyUsedPlanIsDroppedBeyondCapacity() throws {
    let runtime = XNNPACKRuntime(graph: mixedGraph(), threads: 1)
    for width in 4..<(5 + XNNPACKRuntime.cacheCapacity) {
      _ = try runtime.run([Support.randomTensor([1, 4, width, 3], seed: UInt64(width))])
    }
    #expect(runtime.cachedPlanCount == XNNPACKRuntime.cacheCapacity)
  }

  @Test func oneAndTwoThreadsAgree() throws {
    let graph = mixedGraph()
    let input = Support.randomTensor([1, 16, 15, 3], seed: 10)
    let single = try XNNPACKRuntime(graph: graph, threads: 1).run([input])
    let double = try XNNPACKRuntime(graph: graph, threads: 2).run([input])
    for (one, two) in zip(single, double) {
      #expect(one.shape == two.shape)
      #expect(Support.maximumDifference(one, two) < 1e-6)
    }
  }

  @Test func wrongInputsThrow() {
    let graph = mixedGraph()
    let runtimes: [any InferenceRuntime] = [
      ReferenceRuntime(graph: graph), XNNPACKRuntime(graph: graph, threads: 1),
    ]
    for runtime in runtimes {
      #expect(throws: ModelError.self) {
        try runtime.run([Support.randomTensor([1, 6, 7, 4], seed: 1)])
      }
      #expect(throws: ModelError.self) { try runtime.run([]) }
      #expect(throws: ModelError.self) {
        try runtime.run([Tensor(shape: [1, 6, 7, 3]), Tensor(shape: [1, 6, 7, 3])])
      }
    }
  }

  @Test func malformedGraphThrows() {
    let graph = Support.singleOperationGraph(
      .convolution(Convolution2D(filter: Tensor(shape: [4, 3]), bias: nil)))
    let input = Tensor(shape: [1, 4, 4, 3])
    #expect(throws: ModelError.self) { try ReferenceRuntime(graph: graph).run([input]) }
    #expect(throws: ModelError.self) { try XNNPACKRuntime(graph: graph).run([input]) }
  }
}
