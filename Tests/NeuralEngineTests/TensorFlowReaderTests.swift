import Testing

@testable import NeuralEngine

@Suite struct TensorFlowReaderTests {
  typealias Support = RuntimeTestSupport
  typealias Attributes = TensorFlowTestGraph

  /// x (1x2x2x2) -> 1x1 Conv2D -> BiasAdd -> FusedBatchNormV3 -> Relu, behind Identity nodes.
  static func foldedConvolutionGraph() -> TensorFlowTestGraph {
    var graph = TensorFlowTestGraph()
    graph.node("x", "Placeholder", [], ["shape": Attributes.shape([-1, -1, -1, 2])])
    graph.constant("w", shape: [1, 1, 2, 2], [1, 2, 3, 4])
    graph.node("w/read", "Identity", ["w"])
    graph.node(
      "conv", "Conv2D", ["x", "w/read"], Attributes.convolution(stride: 1, padding: "SAME"))
    graph.constant("b", shape: [2], [1, -1])
    graph.node("bias", "BiasAdd", ["conv", "b"], ["data_format": Attributes.text("NHWC")])
    graph.constant("gamma", shape: [2], [2, 1])
    graph.constant("beta", shape: [2], [0, 0.5])
    graph.constant("mean", shape: [2], [1, 0])
    graph.constant("variance", shape: [2], [4, 1])
    graph.node(
      "bn", "FusedBatchNormV3", ["bias", "gamma", "beta", "mean", "variance"],
      ["epsilon": Attributes.float(0), "is_training": Attributes.bool(false)])
    graph.node("relu", "Relu", ["bn:0"])
    graph.node("out", "Identity", ["relu", "^w"])
    return graph
  }

  @Test func convolutionBiasNormalizationAndReluBecomeOneConvolution() throws {
    let graph = try TensorFlowReader.read(
      Self.foldedConvolutionGraph().bytes, inputs: ["x"], outputs: ["out"])
    #expect(graph.nodes.count == 1)
    guard case .convolution(let convolution) = graph.nodes[0].operation else {
      Issue.record("expected a convolution, got \(graph.nodes[0].operation)")
      return
    }
    #expect(convolution.activation == .relu)
    #expect(convolution.filter.shape == [2, 1, 1, 2])
    let input = Tensor(shape: [1, 1, 2, 2], data: [1, 1, -1, 0])
    let output = try ReferenceRuntime(graph: graph).run([input])[0]
    // Pixel (1, 1): conv = (1 + 3, 2 + 4) = (4, 6); + bias = (5, 5); normalized:
    // (5 - 1) / 2 * 2 + 0 = 4 and (5 - 0) / 1 * 1 + 0.5 = 5.5.
    // Pixel (-1, 0): conv = (-1, -2); + bias = (0, -3); normalized: -1 and -2.5; relu: 0, 0.
    #expect(output.data == [4, 5.5, 0, 0])
  }

  /// x -> stride-2 VALID conv (the coarse map) -> LeakyRelu, resized to the size of x's own
  /// LeakyRelu through Shape/StridedSlice/Pack, added to it, concatenated with it, then softmax
  /// after a constant reshape; the graph also carries an unsupported post-processing tail.
  static func pyramidGraph() -> TensorFlowTestGraph {
    var graph = TensorFlowTestGraph()
    graph.node("x", "Placeholder", [], ["shape": Attributes.shape([1, -1, -1, 3])])
    graph.constant("scale", shape: [], [127.5])
    graph.node("scaled", "RealDiv", ["x", "scale"])
    graph.constant("one", shape: [], [1])
    graph.node("centred", "Sub", ["scaled", "one"])
    graph.integers("paddings", shape: [4, 2], [0, 0, 0, 1, 0, 1, 0, 0])
    graph.node("padded", "Pad", ["centred", "paddings"])
    graph.constant("fine/w", shape: [1, 1, 3, 1], [0.5, -1, 2])
    graph.node(
      "fine", "DepthwiseConv2dNative", ["centred", "fine/w"],
      Attributes.convolution(stride: 1, padding: "SAME"))
    graph.node("fine/act", "LeakyRelu", ["fine"], ["alpha": Attributes.float(0.1)])
    graph.constant("coarse/w", shape: [3, 3, 3, 3], (0..<81).map { Float($0 % 7) / 7 - 0.4 })
    graph.node(
      "coarse", "Conv2D", ["padded", "coarse/w"],
      Attributes.convolution(stride: 2, padding: "VALID"))
    graph.node("coarse/act", "LeakyRelu", ["coarse"], ["alpha": Attributes.float(0.1)])
    graph.node("shape", "Shape", ["fine/act"])
    for (name, index) in [("height", 1), ("width", 2)] {
      graph.integers("\(name)/begin", shape: [1], [index])
      graph.integers("\(name)/end", shape: [1], [index + 1])
      graph.integers("\(name)/strides", shape: [1], [1])
      graph.node(
        name, "StridedSlice", ["shape", "\(name)/begin", "\(name)/end", "\(name)/strides"],
        ["shrink_axis_mask": Attributes.int(1)])
    }
    graph.node("size", "Pack", ["height", "width"], ["axis": Attributes.int(0)])
    graph.node(
      "up", "ResizeNearestNeighbor", ["coarse/act", "size"],
      ["align_corners": Attributes.bool(false), "half_pixel_centers": Attributes.bool(true)])
    graph.node("sum", "AddV2", ["fine/act", "up"])
    graph.integers("axis", shape: [], [-1])
    graph.node("joined", "ConcatV2", ["sum", "fine/act", "axis"])
    graph.integers("rows", shape: [3], [1, -1, 2])
    graph.node("rows/reshaped", "Reshape", ["joined", "rows"])
    graph.node("probabilities", "Softmax", ["rows/reshaped"])
    graph.node("tail", "NonMaxSuppressionV3", ["probabilities"])
    return graph
  }

  @Test func pyramidGraphRunsTheSameOnBothRuntimes() throws {
    let graph = try TensorFlowReader.read(
      Self.pyramidGraph().bytes, inputs: ["x"], outputs: ["probabilities", "up"])
    let operations = graph.nodes.map(\.operation.name)
    #expect(operations.contains("nearest resize"))
    #expect(operations.contains("leaky relu"))
    #expect(operations.last == "softmax")
    let resize = try #require(
      graph.nodes.first { $0.operation.name == "nearest resize" })
    #expect(
      resize.operation
        == .resizeNearest(
          NearestResize(size: .matchingSecondOperand, alignCorners: false, halfPixelCenters: true)))
    let input = Support.randomTensor([1, 6, 8, 3], seed: 5, range: 0...255)
    try Support.expectRuntimesAgree(graph, inputs: [input])
    let outputs = try ReferenceRuntime(graph: graph).run([input])
    #expect(outputs[0].shape == [1, 6 * 8 * 3, 2])
    #expect(outputs[1].shape == [1, 6, 8, 3])
  }

  @Test func unsupportedOperatorsTheOutputsNeedAreAllNamed() {
    var graph = Self.pyramidGraph()
    graph.node("odd", "Erf", ["sum"])
    graph.node("odder", "Sin", ["odd"])
    #expect(throws: ModelError.unsupportedOperator("Erf (node 'odd'), Sin (node 'odder')")) {
      try TensorFlowReader.read(graph.bytes, inputs: ["x"], outputs: ["odder"])
    }
    #expect(throws: ModelError.unsupportedOperator("NonMaxSuppressionV3 (node 'tail')")) {
      try TensorFlowReader.read(graph.bytes, inputs: ["x"], outputs: ["tail"])
    }
  }

  @Test func reshapeToARunTimeShapeIsRefused() {
    var graph = Self.pyramidGraph()
    graph.node("dynamic", "Reshape", ["joined", "size"])
    #expect(throws: ModelError.self) {
      try TensorFlowReader.read(graph.bytes, inputs: ["x"], outputs: ["dynamic"])
    }
  }

  @Test func missingNodesAndInputsAreMalformed() {
    let graph = Self.foldedConvolutionGraph()
    #expect(throws: ModelError.malformed("the graph has no node named 'nowhere'")) {
      try TensorFlowReader.read(graph.bytes, inputs: ["x"], outputs: ["nowhere"])
    }
    #expect(
      throws: ModelError.malformed("Placeholder node 'x' is read but not named as an input")
    ) {
      try TensorFlowReader.read(graph.bytes, inputs: ["relu"], outputs: ["out"])
    }
    #expect(throws: ModelError.self) {
      try TensorFlowReader.read([0x0A, 0x05, 0x01], inputs: ["x"], outputs: ["out"])
    }
  }
}
