import Foundation
import TestSupport
import Testing

@testable import NeuralEngine

@Suite struct ONNXReaderTests {
  // MARK: CenterFace

  private static func centerFaceBytes() throws -> [UInt8] {
    try ModelFiles.bytes("centerface.onnx")
  }

  @Test func centerFaceHasOneInputAndFourOutputs() throws {
    let graph = try ONNXReader.read(contentsOf: ModelFiles.url("centerface.onnx"))
    #expect(graph.inputs.count == 1)
    #expect(graph.values[graph.inputs[0]].declaredShape == [10, 32, 32, 3])
    #expect(graph.outputs.count == 4)
    #expect(graph.outputs.map { graph.values[$0].declaredShape?.last } == [1, 2, 2, 10])
    #expect(graph.constants.isEmpty)
  }

  @Test func centerFaceFoldsEveryBatchNormalizationAndUsesNHWCFilters() throws {
    let graph = try ONNXReader.read(Self.centerFaceBytes())
    let shapes = try graph.inferShapes(inputShapes: [[1, 64, 96, 3]])
    var convolutions = 0
    var deconvolutions = 0
    for node in graph.nodes {
      let inputChannels = shapes[node.inputs[0]][3]
      switch node.operation {
      case .convolution(let conv):
        convolutions += 1
        #expect(conv.filter.shape.count == 4)
        #expect(conv.groupInputChannels * conv.groups == inputChannels)
        #expect(conv.filter.data.allSatisfy { $0.isFinite })
      case .deconvolution(let deconv):
        deconvolutions += 1
        #expect(deconv.groupInputChannels * deconv.groups == inputChannels)
        #expect(
          deconv.bias?.count == deconv.outputChannels, "the folded BatchNormalization adds a bias")
        #expect(deconv.activation == .relu)
      case .add, .clamp, .sigmoid: break
      default: Issue.record("unexpected operation \(node.operation.name)")
      }
    }
    #expect(convolutions == 60)
    #expect(deconvolutions == 3)
    let fusedReLUs = graph.nodes.filter {
      if case .convolution(let conv) = $0.operation { conv.activation == .relu } else { false }
    }
    #expect(fusedReLUs.count > 30)
  }

  @Test(arguments: [(1, 1), (15, 20), (1, 2)])
  func centerFaceOutputsHaveStrideFour(heightBlocks: Int, widthBlocks: Int) throws {
    let graph = try ONNXReader.read(Self.centerFaceBytes())
    let height = 32 * heightBlocks
    let width = 32 * widthBlocks
    let shapes = try graph.inferShapes(inputShapes: [[1, height, width, 3]])
    let outputs = graph.outputs.map { shapes[$0] }
    #expect(
      outputs == [1, 2, 2, 10].map { [1, height / 4, width / 4, $0] })
  }

  /// Samples of ONNX Runtime 1.23's outputs for a 32x32 input with
  /// `x[c, y, x] = sin((1024 c + 32 y + x) / 100)`: NHWC positions and values per output.
  private static let onnxRuntimeSamples: [[(position: [Int], value: Float)]] = [
    [
      ([0, 0, 0], 0.0013217628), ([3, 5, 0], 0.0072766244), ([7, 7, 0], 0.0015048683),
      ([4, 2, 0], 0.0131632388),
    ],
    [
      ([0, 0, 0], 2.1100466251), ([3, 5, 1], 1.3421438932), ([7, 7, 0], 1.7381005287),
      ([4, 2, 1], 1.5226459503),
    ],
    [
      ([0, 0, 0], -0.0243996232), ([3, 5, 1], 0.0783221796), ([7, 7, 0], -0.1749228090),
      ([4, 2, 1], -0.0159679204),
    ],
    [
      ([0, 0, 0], 0.4540818930), ([3, 5, 9], 0.7302144766), ([7, 7, 0], 0.3995253146),
      ([4, 2, 5], 0.1424600184),
    ],
  ]
  /// ONNX Runtime's mean absolute value of each output for the same input.
  private static let onnxRuntimeMeanMagnitudes: [Float] = [
    0.0047363914, 1.6258232594, 0.0764701664, 0.5103498697,
  ]

  @Test func centerFaceComputesWhatONNXRuntimeComputes() throws {
    let graph = try ONNXReader.read(Self.centerFaceBytes())
    var input = Tensor(shape: [1, 32, 32, 3])
    for y in 0..<32 {
      for x in 0..<32 {
        for c in 0..<3 {
          input.data[(y * 32 + x) * 3 + c] = Float(sin(Double(c * 1024 + y * 32 + x) / 100))
        }
      }
    }
    let outputs = try ReferenceEvaluator.run(graph, input: input)
    try #require(outputs.count == 4)
    for (output, (samples, meanMagnitude)) in zip(
      outputs, zip(Self.onnxRuntimeSamples, Self.onnxRuntimeMeanMagnitudes))
    {
      for (position, expected) in samples {
        let value = output.data[
          (position[0] * output.shape[2] + position[1]) * output.shape[3] + position[2]]
        #expect(abs(value - expected) <= 1e-4 + 1e-3 * abs(expected), "at \(position)")
      }
      let mean = output.data.reduce(0) { $0 + abs($1) } / Float(output.count)
      #expect(abs(mean - meanMagnitude) <= 1e-3 * meanMagnitude)
    }
  }

  // MARK: Bad input

  @Test func emptyBytesAreMalformed() {
    #expect(throws: ModelError.malformed("the file contains no ONNX graph")) {
      try ONNXReader.read([])
    }
  }

  @Test func everyTruncationOfCenterFaceThrows() throws {
    let bytes = try Self.centerFaceBytes()
    let cuts =
      Array(1..<80) + Array(stride(from: 100, to: bytes.count, by: bytes.count / 37))
      + Array(bytes.count - 40..<bytes.count)
    for cut in cuts {
      #expect(throws: ModelError.self, "prefix of \(cut) bytes") {
        try ONNXReader.read(Array(bytes[..<cut]))
      }
    }
  }

  @Test func everyTruncationOfASmallModelThrows() {
    let bytes = Self.convolutionBatchNormReLUModel()
    for cut in 0..<bytes.count {
      #expect(throws: ModelError.self, "prefix of \(cut) bytes") {
        try ONNXReader.read(Array(bytes[..<cut]))
      }
    }
  }

  @Test func randomGarbageThrows() {
    var generator = SeededGenerator(seed: 42)
    for length in [1, 2, 3, 7, 16, 100, 1000, 65_536] {
      for _ in 0..<20 {
        let garbage = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(throws: ModelError.self) { try ONNXReader.read(garbage) }
      }
    }
  }

  @Test func corruptedBytesNeverCrash() {
    let bytes = Self.convolutionBatchNormReLUModel()
    var generator = SeededGenerator(seed: 7)
    for position in bytes.indices {
      var corrupted = bytes
      corrupted[position] = UInt8.random(in: 0...255, using: &generator)
      do {
        _ = try ONNXReader.read(corrupted)
      } catch is ModelError {
      } catch {
        Issue.record("byte \(position): unexpected error \(error)")
      }
    }
  }

  @Test func overlongVarintIsMalformed() {
    let bytes: [UInt8] = [0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01]
    #expect(throws: ModelError.self) { try ONNXReader.read(bytes) }
  }

  @Test func lengthBeyondEndIsMalformed() {
    #expect(throws: ModelError.self) { try ONNXReader.read([0x3A, 0x80, 0x01, 0x0A]) }
  }

  // MARK: Conversion of a hand-built model

  /// `x [1,2,4,5] -> Conv(3x3, pads t0 l1 b2 r1, strides 2,1) -> BatchNormalization -> Relu -> y`.
  static let convolutionWeights: [Float] = (0..<(3 * 2 * 3 * 3)).map { Float($0 % 7) - 3 }
  static let convolutionBias: [Float] = [0.5, -1, 2]
  static let gamma: [Float] = [1.5, 0.5, -2]
  static let beta: [Float] = [0.25, 0, 1]
  static let mean: [Float] = [1, -2, 0.5]
  static let variance: [Float] = [4, 0.25, 1]
  static let epsilon: Float = 0.001

  static func convolutionBatchNormReLUModel() -> [UInt8] {
    ONNXTestModel.model(
      nodes: [
        ONNXTestModel.node(
          "Conv", inputs: ["x", "w", "b"], outputs: ["c"],
          attributes: [
            ONNXTestModel.ints("kernel_shape", [3, 3]), ONNXTestModel.ints("pads", [0, 1, 2, 1]),
            ONNXTestModel.ints("strides", [2, 1]), ONNXTestModel.int("group", 1),
          ]),
        ONNXTestModel.node(
          "BatchNormalization", inputs: ["c", "gamma", "beta", "mean", "var"], outputs: ["n"],
          attributes: [ONNXTestModel.float("epsilon", epsilon)]),
        ONNXTestModel.node("Relu", inputs: ["n"], outputs: ["y"]),
      ],
      initializers: [
        ONNXTestModel.tensor("w", dims: [3, 2, 3, 3], values: convolutionWeights),
        ONNXTestModel.floatDataTensor("b", dims: [3], values: convolutionBias),
        ONNXTestModel.tensor("gamma", dims: [3], values: gamma),
        ONNXTestModel.tensor("beta", dims: [3], values: beta),
        ONNXTestModel.tensor("mean", dims: [3], values: mean),
        ONNXTestModel.floatDataTensor("var", dims: [3], values: variance),
      ],
      inputs: [
        ONNXTestModel.valueInfo("x", dims: [nil, 2, 4, 5]),
        ONNXTestModel.valueInfo("w", dims: [3, 2, 3, 3]),
      ],
      outputs: [ONNXTestModel.valueInfo("y", dims: [nil, 3, 2, 5])])
  }

  @Test func convolutionBatchNormReLUBecomesOneFoldedConvolution() throws {
    let graph = try ONNXReader.read(Self.convolutionBatchNormReLUModel())
    #expect(graph.inputs.count == 1, "initializer w listed as an input is not an input")
    #expect(graph.values[graph.inputs[0]].declaredShape == [-1, 4, 5, 2])
    #expect(graph.values[graph.outputs[0]].declaredShape == [-1, 2, 5, 3])
    try #require(graph.nodes.count == 1)
    guard case .convolution(let conv) = graph.nodes[0].operation else {
      Issue.record("expected a convolution, got \(graph.nodes[0].operation.name)")
      return
    }
    #expect(conv.activation == .relu)
    #expect(conv.padding == .explicit(top: 0, left: 1, bottom: 2, right: 1))
    #expect(conv.strideHeight == 2 && conv.strideWidth == 1)
    #expect(conv.groups == 1)
    #expect(conv.filter.shape == [3, 3, 3, 2])
    for o in 0..<3 {
      let scale = Self.gamma[o] / (Self.variance[o] + Self.epsilon).squareRoot()
      for y in 0..<3 {
        for x in 0..<3 {
          for i in 0..<2 {
            let onnx = Self.convolutionWeights[((o * 2 + i) * 3 + y) * 3 + x]
            let folded = conv.filter.data[((o * 3 + y) * 3 + x) * 2 + i]
            #expect(abs(folded - onnx * scale) <= 1e-6 * max(1, abs(onnx * scale)))
          }
        }
      }
      let expectedBias = (Self.convolutionBias[o] - Self.mean[o]) * scale + Self.beta[o]
      #expect(abs((conv.bias?.data[o] ?? .nan) - expectedBias) <= 1e-5)
    }
    let shapes = try graph.inferShapes(inputShapes: [[1, 4, 5, 2]])
    #expect(shapes[graph.outputs[0]] == [1, 2, 5, 3])
  }

  // MARK: Individual operators

  /// A model of one node reading the graph input `x` of NCHW shape `dims`.
  private static func singleNodeModel(
    _ node: [UInt8], initializers: [[UInt8]] = [], dims: [Int?] = [1, 4, 6, 8]
  ) -> [UInt8] {
    ONNXTestModel.model(
      nodes: [node], initializers: initializers,
      inputs: [ONNXTestModel.valueInfo("x", dims: dims)],
      outputs: [ONNXTestModel.valueInfo("y", dims: [])])
  }

  @Test func unknownOperatorIsNamed() {
    let model = Self.singleNodeModel(ONNXTestModel.node("Resize", inputs: ["x"], outputs: ["y"]))
    #expect(throws: ModelError.unsupportedOperator("Resize (Resize node resize_y)")) {
      try ONNXReader.read(model)
    }
  }

  @Test func unknownAttributeIsUnsupported() {
    let model = Self.singleNodeModel(
      ONNXTestModel.node(
        "MaxPool", inputs: ["x"], outputs: ["y"],
        attributes: [
          ONNXTestModel.ints("kernel_shape", [2, 2]), ONNXTestModel.int("ceil_mode", 1),
        ]))
    #expect(throws: ModelError.unsupportedFeature("ceil_mode of MaxPool node maxpool_y")) {
      try ONNXReader.read(model)
    }
  }

  @Test func batchNormalizationAfterAnAdditionIsUnsupported() {
    let parameters = ["g", "b", "m", "v"].map {
      ONNXTestModel.tensor($0, dims: [4], values: [1, 1, 1, 1])
    }
    let model = ONNXTestModel.model(
      nodes: [
        ONNXTestModel.node("Add", inputs: ["x", "x"], outputs: ["s"]),
        ONNXTestModel.node(
          "BatchNormalization", inputs: ["s", "g", "b", "m", "v"], outputs: ["y"]),
      ],
      initializers: parameters, inputs: [ONNXTestModel.valueInfo("x", dims: [1, 4, 6, 8])],
      outputs: [ONNXTestModel.valueInfo("y", dims: [])])
    #expect(throws: ModelError.self) { try ONNXReader.read(model) }
    do {
      _ = try ONNXReader.read(model)
    } catch ModelError.unsupportedFeature(let detail) {
      #expect(detail.contains("BatchNormalization"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func perChannelConstantBroadcastsAlongNHWCChannels() throws {
    let model = Self.singleNodeModel(
      ONNXTestModel.node("Add", inputs: ["x", "k"], outputs: ["y"]),
      initializers: [ONNXTestModel.tensor("k", dims: [1, 4, 1, 1], values: [1, 2, 3, 4])])
    let graph = try ONNXReader.read(model)
    try #require(graph.nodes.count == 1)
    #expect(graph.nodes[0].operation == .add(Addition(activation: .none)))
    let constant = try #require(graph.constants[graph.nodes[0].inputs[1]])
    #expect(constant.shape == [1, 1, 1, 4])
    #expect(constant.data == [1, 2, 3, 4])
    #expect(try graph.inferShapes(inputShapes: [[1, 6, 8, 4]])[graph.outputs[0]] == [1, 6, 8, 4])
  }

  @Test func spatialConstantIsTransposedToNHWC() throws {
    let model = Self.singleNodeModel(
      ONNXTestModel.node("Mul", inputs: ["k", "x"], outputs: ["y"]),
      initializers: [ONNXTestModel.tensor("k", dims: [2, 1, 3], values: [1, 2, 3, 4, 5, 6])],
      dims: [1, 2, 5, 3])
    let graph = try ONNXReader.read(model)
    let constant = try #require(graph.constants[graph.nodes[0].inputs[0]])
    #expect(constant.shape == [1, 1, 3, 2])
    #expect(constant.data == [1, 4, 2, 5, 3, 6])
  }

  @Test func concatenationAxisMovesToNHWC() throws {
    let model = Self.singleNodeModel(
      ONNXTestModel.node(
        "Concat", inputs: ["x", "x"], outputs: ["y"], attributes: [ONNXTestModel.int("axis", 1)]))
    let graph = try ONNXReader.read(model)
    #expect(graph.nodes.map(\.operation) == [.concatenate(Concatenation(axis: 3))])
    let negative = Self.singleNodeModel(
      ONNXTestModel.node(
        "Concat", inputs: ["x", "x"], outputs: ["y"], attributes: [ONNXTestModel.int("axis", -2)]))
    #expect(
      try ONNXReader.read(negative).nodes.map(\.operation) == [
        .concatenate(Concatenation(axis: 1))
      ])
  }

  @Test func reluReadByTwoNodesIsAClamp() throws {
    let weights = ONNXTestModel.tensor(
      "w", dims: [4, 4, 1, 1], values: [Float](repeating: 1, count: 16))
    let model = ONNXTestModel.model(
      nodes: [
        ONNXTestModel.node("Conv", inputs: ["x", "w"], outputs: ["c"]),
        ONNXTestModel.node("Relu", inputs: ["c"], outputs: ["r"]),
        ONNXTestModel.node("Add", inputs: ["c", "r"], outputs: ["y"]),
      ],
      initializers: [weights], inputs: [ONNXTestModel.valueInfo("x", dims: [1, 4, 6, 8])],
      outputs: [ONNXTestModel.valueInfo("y", dims: [])])
    let graph = try ONNXReader.read(model)
    #expect(graph.nodes.map(\.operation.name) == ["convolution", "clamp", "add"])
    #expect(graph.nodes[1].operation == .clamp(Clamp(min: 0, max: .infinity)))
  }

  @Test func clipWithConstantBoundsFusesAsReLU6AndIdentityIsElided() throws {
    let model = ONNXTestModel.model(
      nodes: [
        ONNXTestModel.node("Identity", inputs: ["x"], outputs: ["i"]),
        ONNXTestModel.node("Add", inputs: ["i", "i"], outputs: ["s"]),
        ONNXTestModel.node("Clip", inputs: ["s", "lo", "hi"], outputs: ["c"]),
        ONNXTestModel.node("Dropout", inputs: ["c"], outputs: ["y"]),
      ],
      initializers: [
        ONNXTestModel.tensor("lo", dims: [], values: [0]),
        ONNXTestModel.tensor("hi", dims: [], values: [6]),
      ],
      inputs: [ONNXTestModel.valueInfo("x", dims: [1, 4, 6, 8])],
      outputs: [ONNXTestModel.valueInfo("y", dims: [1, 4, 6, 8])])
    let graph = try ONNXReader.read(model)
    #expect(graph.nodes.map(\.operation) == [.add(Addition(activation: .relu6))])
    #expect(graph.nodes[0].inputs == [graph.inputs[0], graph.inputs[0]])
    #expect(graph.values[graph.outputs[0]].declaredShape == [1, 6, 8, 4])
  }

  @Test func clipWithAttributesIsAClamp() throws {
    let model = Self.singleNodeModel(
      ONNXTestModel.node(
        "Clip", inputs: ["x"], outputs: ["y"],
        attributes: [ONNXTestModel.float("min", -1), ONNXTestModel.float("max", 2)]))
    #expect(try ONNXReader.read(model).nodes.map(\.operation) == [.clamp(Clamp(min: -1, max: 2))])
  }

  @Test func maxPoolAndSigmoidConvert() throws {
    let model = ONNXTestModel.model(
      nodes: [
        ONNXTestModel.node(
          "MaxPool", inputs: ["x"], outputs: ["p"],
          attributes: [
            ONNXTestModel.ints("kernel_shape", [3, 2]), ONNXTestModel.ints("strides", [2, 2]),
            ONNXTestModel.ints("pads", [1, 0, 1, 0]),
          ]),
        ONNXTestModel.node("Sigmoid", inputs: ["p"], outputs: ["y"]),
      ],
      inputs: [ONNXTestModel.valueInfo("x", dims: [1, 4, 6, 8])],
      outputs: [ONNXTestModel.valueInfo("y", dims: [])])
    let graph = try ONNXReader.read(model)
    let pooling = MaxPooling2D(
      kernelHeight: 3, kernelWidth: 2, strideHeight: 2, strideWidth: 2,
      padding: .explicit(top: 1, left: 0, bottom: 1, right: 0))
    #expect(graph.nodes.map(\.operation) == [.maxPool(pooling), .sigmoid(Sigmoid())])
  }

  @Test func unsupportedWindowSettingsAreRejected() {
    var samePadding = TestProtobufWriter()
    samePadding.string(1, "auto_pad")
    samePadding.string(4, "SAME_LOWER")
    samePadding.int(20, 3)
    let weights = ONNXTestModel.tensor(
      "w", dims: [4, 4, 2, 2], values: [Float](repeating: 1, count: 64))
    let sameLower = Self.singleNodeModel(
      ONNXTestModel.node(
        "Conv", inputs: ["x", "w"], outputs: ["y"], attributes: [samePadding.bytes]),
      initializers: [weights])
    #expect(throws: ModelError.unsupportedFeature("auto_pad SAME_LOWER of Conv node conv_y")) {
      try ONNXReader.read(sameLower)
    }
    let outputShape = Self.singleNodeModel(
      ONNXTestModel.node(
        "ConvTranspose", inputs: ["x", "w"], outputs: ["y"],
        attributes: [ONNXTestModel.ints("output_shape", [12, 16])]),
      initializers: [weights])
    #expect(
      throws: ModelError.unsupportedFeature(
        "attribute output_shape of ConvTranspose node convtranspose_y")
    ) {
      try ONNXReader.read(outputShape)
    }
  }

  @Test func sameUpperConvolutionUsesSamePadding() throws {
    let model = Self.singleNodeModel(
      ONNXTestModel.node(
        "Conv", inputs: ["x", "w"], outputs: ["y"],
        attributes: [
          ONNXTestModel.ints("strides", [2, 2]),
          {
            var writer = TestProtobufWriter()
            writer.string(1, "auto_pad")
            writer.string(4, "SAME_UPPER")
            writer.int(20, 3)
            return writer.bytes
          }(),
        ]),
      initializers: [
        ONNXTestModel.tensor("w", dims: [2, 4, 3, 3], values: [Float](repeating: 0.5, count: 72))
      ])
    let graph = try ONNXReader.read(model)
    guard case .convolution(let conv) = graph.nodes.first?.operation else {
      Issue.record("expected a convolution")
      return
    }
    #expect(conv.padding == .same)
    #expect(conv.bias == nil)
  }

  @Test func groupedTransposedConvolutionWeightsAreRearranged() throws {
    // ONNX weights [I=4, O/groups=3, kH=2, kW=1] with groups 2: 6 outputs, 2 inputs per group.
    let weights = (0..<24).map(Float.init)
    let model = Self.singleNodeModel(
      ONNXTestModel.node(
        "ConvTranspose", inputs: ["x", "w"], outputs: ["y"],
        attributes: [
          ONNXTestModel.int("group", 2), ONNXTestModel.ints("strides", [2, 2]),
          ONNXTestModel.ints("output_padding", [1, 0]),
        ]),
      initializers: [ONNXTestModel.tensor("w", dims: [4, 3, 2, 1], values: weights)])
    let graph = try ONNXReader.read(model)
    guard case .deconvolution(let deconv) = graph.nodes.first?.operation else {
      Issue.record("expected a transposed convolution")
      return
    }
    #expect(deconv.filter.shape == [6, 2, 1, 2])
    #expect(deconv.groups == 2)
    #expect(deconv.adjustmentHeight == 1 && deconv.adjustmentWidth == 0)
    for output in 0..<6 {
      for y in 0..<2 {
        for groupInput in 0..<2 {
          let input = (output / 3) * 2 + groupInput
          let onnx = weights[(input * 3 + output % 3) * 2 + y]
          #expect(deconv.filter.data[(output * 2 + y) * 2 + groupInput] == onnx)
        }
      }
    }
    #expect(
      try graph.inferShapes(inputShapes: [[1, 6, 8, 4]])[graph.outputs[0]] == [1, 13, 15, 6])
  }

  @Test(arguments: [true, false])
  func halfPrecisionWeightsAreWidened(raw: Bool) throws {
    // Weights 1, -2, 0.5 and 65504 (the largest half); the bias is the smallest subnormal half.
    let bits: [UInt16] = [0x3C00, 0xC000, 0x3800, 0x7BFF]
    let model = Self.singleNodeModel(
      ONNXTestModel.node("Conv", inputs: ["x", "w", "b"], outputs: ["y"]),
      initializers: [
        ONNXTestModel.halfTensor("w", dims: [1, 4, 1, 1], bits: bits, raw: raw),
        ONNXTestModel.halfTensor("b", dims: [1], bits: [0x0001], raw: raw),
      ])
    let graph = try ONNXReader.read(model)
    guard case .convolution(let conv) = graph.nodes.first?.operation else {
      Issue.record("expected a convolution")
      return
    }
    #expect(conv.filter.data == [1, -2, 0.5, 65504])
    #expect(conv.bias?.data == [0x1p-24])
  }

  @Test func halfPrecisionSpecialValues() {
    #expect(HalfPrecision.widen(0x7C00) == .infinity)
    #expect(HalfPrecision.widen(0xFC00) == -.infinity)
    #expect(HalfPrecision.widen(0x7E00).isNaN)
    #expect(HalfPrecision.widen(0x8000) == 0 && HalfPrecision.widen(0x8000).sign == .minus)
    #expect(HalfPrecision.widen(0x03FF) == 1023 * 0x1p-24)
  }

  @Test func weightsWithTheWrongElementCountAreMalformed() {
    let model = Self.singleNodeModel(
      ONNXTestModel.node("Conv", inputs: ["x", "w"], outputs: ["y"]),
      initializers: [ONNXTestModel.tensor("w", dims: [2, 4, 3, 3], values: [1, 2, 3])])
    #expect(throws: ModelError.self) { try ONNXReader.read(model) }
  }

  @Test func nodeReadingAnUnknownValueIsMalformed() {
    let model = Self.singleNodeModel(
      ONNXTestModel.node("Sigmoid", inputs: ["nowhere"], outputs: ["y"]))
    #expect(
      throws: ModelError.malformed(
        "Sigmoid node sigmoid_y reads nowhere, which no earlier node writes")
    ) {
      try ONNXReader.read(model)
    }
  }
}

/// A deliberately naive evaluation of the operations CenterFace uses, to check the converted
/// weights and layouts against numbers computed by ONNX Runtime.
private enum ReferenceEvaluator {
  struct UnsupportedOperation: Error {
    let name: String
  }

  static func run(_ graph: Graph, input: Tensor) throws -> [Tensor] {
    var tensors = graph.constants
    tensors[graph.inputs[0]] = input
    for node in graph.nodes {
      let operands = node.inputs.compactMap { tensors[$0] }
      try #require(operands.count == node.inputs.count)
      let shape = try node.operation.outputShape(operands: operands.map(\.shape))
      let result: Tensor
      switch node.operation {
      case .convolution(let conv): result = convolve(operands[0], conv, outputShape: shape)
      case .deconvolution(let deconv):
        result = try deconvolve(operands[0], deconv, outputShape: shape)
      case .add(let addition):
        let bounds = addition.activation.bounds
        result = broadcast(operands[0], operands[1], outputShape: shape) {
          min(max($0 + $1, bounds.min), bounds.max)
        }
      case .multiply: result = broadcast(operands[0], operands[1], outputShape: shape, *)
      case .clamp(let clamp):
        result = Tensor(
          shape: shape, data: operands[0].data.map { min(max($0, clamp.min), clamp.max) })
      case .sigmoid:
        result = Tensor(shape: shape, data: operands[0].data.map { 1 / (1 + exp(-$0)) })
      default: throw UnsupportedOperation(name: node.operation.name)
      }
      tensors[node.outputs[0]] = result
    }
    return try graph.outputs.map { try #require(tensors[$0]) }
  }

  static func convolve(_ input: Tensor, _ conv: Convolution2D, outputShape: [Int]) -> Tensor {
    let (height, width, channels) = (input.shape[1], input.shape[2], input.shape[3])
    let padding = conv.window.paddingAmounts(inputShape: input.shape)
    let (top, left) = (padding.top, padding.left)
    let groupOutputs = conv.outputChannels / conv.groups
    let groupInputs = conv.groupInputChannels
    var output = Tensor(shape: outputShape)
    var target = 0
    for oy in 0..<outputShape[1] {
      for ox in 0..<outputShape[2] {
        for oc in 0..<outputShape[3] {
          var sum = conv.bias?.data[oc] ?? 0
          let firstInput = (oc / groupOutputs) * groupInputs
          for ky in 0..<conv.kernelHeight {
            let iy = oy * conv.strideHeight - top + ky * conv.dilationHeight
            guard iy >= 0, iy < height else { continue }
            for kx in 0..<conv.kernelWidth {
              let ix = ox * conv.strideWidth - left + kx * conv.dilationWidth
              guard ix >= 0, ix < width else { continue }
              for ic in 0..<groupInputs {
                sum +=
                  input.data[(iy * width + ix) * channels + firstInput + ic]
                  * conv.filter.data[
                    ((oc * conv.kernelHeight + ky) * conv.kernelWidth + kx) * groupInputs + ic]
              }
            }
          }
          output.data[target] = min(
            max(sum, conv.activation.bounds.min), conv.activation.bounds.max)
          target += 1
        }
      }
    }
    return output
  }

  static func deconvolve(_ input: Tensor, _ deconv: Deconvolution2D, outputShape: [Int]) throws
    -> Tensor
  {
    guard case .explicit(let top, let left, _, _) = deconv.padding else {
      throw UnsupportedOperation(name: "deconvolution with SAME padding")
    }
    let (height, width, channels) = (input.shape[1], input.shape[2], input.shape[3])
    let (outputHeight, outputWidth, outputChannels) = (
      outputShape[1], outputShape[2], outputShape[3]
    )
    let groupOutputs = outputChannels / deconv.groups
    let groupInputs = deconv.groupInputChannels
    var sums = [Float](repeating: 0, count: outputHeight * outputWidth * outputChannels)
    for iy in 0..<height {
      for ix in 0..<width {
        for ic in 0..<channels {
          let value = input.data[(iy * width + ix) * channels + ic]
          let group = ic / groupInputs
          for ky in 0..<deconv.kernelHeight {
            let oy = iy * deconv.strideHeight + ky * deconv.dilationHeight - top
            guard oy >= 0, oy < outputHeight else { continue }
            for kx in 0..<deconv.kernelWidth {
              let ox = ix * deconv.strideWidth + kx * deconv.dilationWidth - left
              guard ox >= 0, ox < outputWidth else { continue }
              for oc in group * groupOutputs..<(group + 1) * groupOutputs {
                sums[(oy * outputWidth + ox) * outputChannels + oc] +=
                  value
                  * deconv.filter.data[
                    ((oc * deconv.kernelHeight + ky) * deconv.kernelWidth + kx) * groupInputs + ic
                      - group * groupInputs]
              }
            }
          }
        }
      }
    }
    let bounds = deconv.activation.bounds
    return Tensor(
      shape: outputShape,
      data: sums.indices.map {
        min(max(sums[$0] + (deconv.bias?.data[$0 % outputChannels] ?? 0), bounds.min), bounds.max)
      })
  }

  static func broadcast(
    _ a: Tensor, _ b: Tensor, outputShape: [Int], _ combine: (Float, Float) -> Float
  ) -> Tensor {
    func index(of coordinates: [Int], in shape: [Int]) -> Int {
      let padded = [Int](repeating: 1, count: outputShape.count - shape.count) + shape
      return zip(coordinates, padded).reduce(0) { $0 * $1.1 + ($1.1 == 1 ? 0 : $1.0) }
    }
    var output = Tensor(shape: outputShape)
    for flat in 0..<output.count {
      var remainder = flat
      var coordinates = [Int](repeating: 0, count: outputShape.count)
      for axis in outputShape.indices.reversed() {
        coordinates[axis] = remainder % outputShape[axis]
        remainder /= outputShape[axis]
      }
      output.data[flat] = combine(
        a.data[index(of: coordinates, in: a.shape)], b.data[index(of: coordinates, in: b.shape)])
    }
    return output
  }
}
