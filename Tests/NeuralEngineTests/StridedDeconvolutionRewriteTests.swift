import Testing

@testable import NeuralEngine

@Suite struct StridedDeconvolutionRewriteTests {
  typealias Support = RuntimeTestSupport

  static func deconvolution(kernel: Int, stride: Int, padding: Padding = .none) -> Deconvolution2D {
    Deconvolution2D(
      filter: Support.randomTensor([5, kernel, kernel, 3], seed: 9),
      bias: Support.randomTensor([5], seed: 10), strideHeight: stride, strideWidth: stride,
      padding: padding, activation: .relu)
  }

  @Test(arguments: [2, 3])
  func kernelEqualToStrideBecomesPointwiseConvolutionAndDepthToSpace(stride: Int) throws {
    let graph = Support.singleOperationGraph(
      .deconvolution(Self.deconvolution(kernel: stride, stride: stride)))
    let rewritten = graph.rewritingStridedDeconvolutions()
    #expect(rewritten.nodes.count == 2)
    guard case .convolution(let pointwise) = rewritten.nodes[0].operation else {
      Issue.record("first node is \(rewritten.nodes[0].operation.name)")
      return
    }
    #expect(pointwise.filter.shape == [stride * stride * 5, 1, 1, 3])
    #expect(rewritten.nodes[1].operation == .depthToSpace(DepthToSpace(blockSize: stride)))
    let input = Support.randomTensor([1, 4, 6, 3], seed: 11)
    let expected = try ReferenceRuntime(graph: graph).run([input])
    let actual = try ReferenceRuntime(graph: rewritten).run([input])
    #expect(expected[0].shape == actual[0].shape)
    #expect(Support.maximumDifference(expected[0], actual[0]) < 1e-5)
    try Support.expectRuntimesAgree(graph, inputs: [input])
  }

  @Test func overlappingOrPaddedDeconvolutionsAreLeftAlone() {
    for deconvolution in [
      Self.deconvolution(kernel: 4, stride: 2),
      Self.deconvolution(
        kernel: 2, stride: 2, padding: .explicit(top: 1, left: 0, bottom: 0, right: 0)),
    ] {
      let graph = Support.singleOperationGraph(.deconvolution(deconvolution))
      #expect(graph.rewritingStridedDeconvolutions().nodes == graph.nodes)
    }
  }
}
