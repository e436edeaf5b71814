import Testing

@testable import NeuralEngine

@Suite struct GraphCostTests {
  /// A strided convolution, a depthwise one, an addition and a transposed convolution, whose
  /// multiply-accumulates are worked out by hand.
  @Test func countsEveryConvolutionByItsFilterAndOutput() throws {
    let convolution = Convolution2D(
      filter: Tensor(shape: [16, 3, 3, 3], repeating: 0.1), bias: nil, strideHeight: 2,
      strideWidth: 2, padding: .explicit(top: 1, left: 1, bottom: 1, right: 1))
    let depthwise = Convolution2D(
      filter: Tensor(shape: [16, 3, 3, 1], repeating: 0.1), bias: nil,
      padding: .explicit(top: 1, left: 1, bottom: 1, right: 1), groups: 16)
    let deconvolution = Deconvolution2D(
      filter: Tensor(shape: [8, 2, 2, 16], repeating: 0.1), bias: nil, strideHeight: 2,
      strideWidth: 2)
    let graph = Graph(
      values: (0..<5).map { Graph.Value(name: "v\($0)") },
      nodes: [
        .init(operation: .convolution(convolution), inputs: [0], outputs: [1]),
        .init(operation: .convolution(depthwise), inputs: [1], outputs: [2]),
        .init(operation: .add(Addition()), inputs: [1, 2], outputs: [3]),
        .init(operation: .deconvolution(deconvolution), inputs: [3], outputs: [4]),
      ], inputs: [0], outputs: [4])
    let outputPixels = 4 * 4
    let expected =
      outputPixels * 16 * 3 * 3 * 3  // 3x3 over 3 channels for each of 16 outputs
      + outputPixels * 16 * 3 * 3  // one 3x3 window per channel
      + outputPixels * 16 * 8 * 2 * 2  // every input pixel spread over a 2x2 block of 8 channels
    #expect(try graph.multiplyAccumulates(inputShapes: [[1, 8, 8, 3]]) == expected)
    #expect(try graph.multiplyAccumulates(inputShapes: [[2, 8, 8, 3]]) == 2 * expected)
  }
}
