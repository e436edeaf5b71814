import Foundation
import TestSupport
import Testing

@testable import NeuralEngine

@Suite struct TFLiteReaderTests {
  static let shortRange = "face_detection_short_range.tflite"
  static let fullRange = "face_detection_full_range_sparse.tflite"

  /// Loads a model and checks its shapes against what the file declares.
  private func checkModel(
    _ name: String, inputShape: [Int], outputShapes: [[Int]], convolutions: Int, nodes: Int
  ) throws {
    let graph = try TFLiteReader.read(try ModelFiles.bytes(name))
    #expect(graph.inputs.count == 1)
    #expect(graph.inputs.map { graph.values[$0].declaredShape } == [inputShape])
    let shapes = try graph.inferShapes(inputShapes: [inputShape])
    #expect(graph.outputs.map { shapes[$0] } == outputShapes)
    for node in graph.nodes {
      for output in node.outputs {
        #expect(
          shapes[output] == graph.values[output].declaredShape, "\(graph.values[output].name)")
      }
    }
    #expect(graph.constants.isEmpty)
    #expect(graph.nodes.count == nodes)
    var convolutionCount = 0
    for node in graph.nodes {
      guard case .convolution(let conv) = node.operation else { continue }
      convolutionCount += 1
      #expect(conv.filter.data.allSatisfy { $0.isFinite })
      #expect(conv.filter.data.contains { $0 != 0 })
      #expect(conv.bias?.data.allSatisfy { $0.isFinite } == true)
    }
    #expect(convolutionCount == convolutions)
  }

  @Test func shortRangeModelLoadsWithDeclaredShapes() throws {
    // 164 operators, 74 of them DEQUANTIZE of weights; 21 CONV_2D + 16 DEPTHWISE_CONV_2D.
    try checkModel(
      Self.shortRange, inputShape: [1, 128, 128, 3], outputShapes: [[1, 896, 16], [1, 896, 1]],
      convolutions: 37, nodes: 90)
  }

  @Test func fullRangeSparseModelLoadsWithDeclaredShapes() throws {
    // 388 operators, 182 DEQUANTIZE and 46 DENSIFY of weights; 49 CONV_2D + 42 DEPTHWISE_CONV_2D.
    try checkModel(
      Self.fullRange, inputShape: [1, 192, 192, 3], outputShapes: [[1, 2304, 16], [1, 2304, 1]],
      convolutions: 91, nodes: 160)
  }

  @Test func depthwiseFiltersBecomeOneGroupPerChannel() throws {
    let graph = try TFLiteReader.read(try ModelFiles.bytes(Self.shortRange))
    let depthwise = graph.nodes.compactMap { node -> Convolution2D? in
      guard case .convolution(let conv) = node.operation, conv.groups > 1 else { return nil }
      return conv
    }
    #expect(depthwise.count == 16)
    for conv in depthwise {
      #expect(conv.groupInputChannels == 1)
      #expect(conv.groups == conv.outputChannels)
    }
  }

  /// The sum of the elements and the sum of each element times its row-major index.
  private func checksums(_ values: [Float]) -> (sum: Double, weighted: Double) {
    values.enumerated().reduce((0, 0)) { total, element in
      (
        total.0 + Double(element.element),
        total.1 + Double(element.offset) * Double(element.element)
      )
    }
  }

  @Test func weightsMatchTensorFlowLite() throws {
    // Checksums of the dequantized filters as the TFLite interpreter holds them, with the
    // depthwise filter transposed from [1, 3, 3, 24] to [24, 3, 3, 1] by NumPy.
    let graph = try TFLiteReader.read(try ModelFiles.bytes(Self.shortRange))
    let convolutions = graph.nodes.compactMap { node -> Convolution2D? in
      guard case .convolution(let conv) = node.operation else { return nil }
      return conv
    }
    let first = try #require(convolutions.first)
    #expect(first.filter.shape == [24, 5, 5, 3])
    #expect(abs(checksums(first.filter.data).sum - -3.6088574) < 1e-4)
    #expect(abs(checksums(first.filter.data).weighted - -1092.98002) < 1e-2)
    #expect(abs(checksums(first.bias?.data ?? []).weighted - 11.9618225) < 1e-3)
    let depthwise = try #require(convolutions.first { $0.groups > 1 })
    #expect(depthwise.filter.shape == [24, 3, 3, 1])
    #expect(depthwise.groups == 24)
    #expect(abs(checksums(depthwise.filter.data).weighted - -1824.79879) < 1e-2)
  }

  @Test func densifiedFiltersKeepEveryStoredValue() throws {
    let bytes = try ModelFiles.bytes(Self.fullRange)
    let model = try TFLiteModel(bytes: bytes)
    let sparse = try #require(model.tensors.first { $0.sparsity != nil })
    #expect(sparse.shape == [8, 1, 1, 32])
    let stored = try TFLiteConstantDecoding.floats(sparse.data, type: sparse.type, tensor: "")
    #expect(stored.count == 77)
    let sparsity = try #require(sparse.sparsity)
    let dense = try sparsity.densify(stored, shape: sparse.shape)
    #expect(dense.count == 8 * 32)
    #expect(dense.filter { $0 != 0 }.count == stored.filter { $0 != 0 }.count)
    #expect(abs(dense.reduce(0, +) - stored.reduce(0, +)) < 1e-4)
    // The same checksum of this tensor's DENSIFY output inside the TFLite interpreter.
    #expect(abs(checksums(dense).weighted - -612.328743) < 1e-3)
  }

  @Test func densifyCompressedSparseRows() throws {
    // Shape [3, 2, 2]: dimension 0 sparse (rows 0 and 2), 1 dense, 2 sparse.
    let sparsity = TFLiteSparsity(
      traversalOrder: [0, 1, 2], blockMap: [],
      dimensions: [
        .sparseCSR(segments: [0, 2], indices: [0, 2]),
        .dense(size: 2),
        .sparseCSR(segments: [0, 1, 3, 4, 5], indices: [0, 0, 1, 0, 1]),
      ])
    let dense = try sparsity.densify([6, 9, 8, 5, 7], shape: [3, 2, 2])
    #expect(dense == [6, 0, 9, 8, 0, 0, 0, 0, 5, 0, 0, 7])
  }

  @Test func densifyBlockSparseMatrix() throws {
    // A 4x4 matrix of 2x2 blocks where only the diagonal blocks are stored.
    let sparsity = TFLiteSparsity(
      traversalOrder: [0, 1, 2, 3], blockMap: [0, 1],
      dimensions: [
        .dense(size: 2), .sparseCSR(segments: [0, 1, 2], indices: [0, 1]), .dense(size: 2),
        .dense(size: 2),
      ])
    let dense = try sparsity.densify([1, 2, 3, 4, 5, 0, 0, 6], shape: [4, 4])
    #expect(dense == [1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 5, 0, 0, 0, 0, 6])
  }

  @Test func densifyRejectsInconsistentEncodings() {
    let tooFewValues = TFLiteSparsity(
      traversalOrder: [0, 1], blockMap: [],
      dimensions: [.dense(size: 2), .sparseCSR(segments: [0, 1, 2], indices: [0, 1])])
    #expect(throws: ModelError.self) { try tooFewValues.densify([1], shape: [2, 2]) }
    let indexOutside = TFLiteSparsity(
      traversalOrder: [0, 1], blockMap: [],
      dimensions: [.dense(size: 2), .sparseCSR(segments: [0, 1, 2], indices: [0, 9])])
    #expect(throws: ModelError.self) { try indexOutside.densify([1, 2], shape: [2, 2]) }
    let wrongOrder = TFLiteSparsity(
      traversalOrder: [0, 0], blockMap: [], dimensions: [.dense(size: 2), .dense(size: 2)])
    #expect(throws: ModelError.self) { try wrongOrder.densify([1, 2, 3, 4], shape: [2, 2]) }
  }

  @Test func halfPrecisionDecoding() {
    #expect(HalfPrecision.widen(0x3C00) == 1)
    #expect(HalfPrecision.widen(0xC000) == -2)
    #expect(HalfPrecision.widen(0x7BFF) == 65504)
    #expect(HalfPrecision.widen(0x0001) == 0x1p-24)
    #expect(HalfPrecision.widen(0x7C00) == .infinity)
    #expect(HalfPrecision.widen(0x7E00).isNaN)
  }

  @Test func unknownOperatorIsNamed() throws {
    var bytes = try ModelFiles.bytes(Self.shortRange)
    // Turn the model's RELU operator code (19) into FULLY_CONNECTED (9).
    let file = FlatBuffer(bytes: bytes)
    let codes = try #require(try file.rootTable().vector(1, elementSize: 4)?.tables())
    let relu = try #require(try codes.first { try $0.int8(0) == 19 })
    let position = try #require(try relu.fieldPosition(0))
    bytes[position] = 9
    if let wide = try relu.fieldPosition(3) { bytes[wide] = 9 }
    #expect(throws: ModelError.unsupportedOperator("FULLY_CONNECTED")) {
      try TFLiteReader.read(bytes)
    }
  }

  @Test func activationsPoolingAndPaddingConvert() throws {
    var builder = TFLiteTestModelBuilder()
    let input = builder.activation("input", shape: [1, 4, 4, 2])
    let clamped = builder.activation("relu6", shape: [1, 4, 4, 2])
    let squashed = builder.activation("sigmoid", shape: [1, 4, 4, 2])
    let pooled = builder.activation("pool", shape: [1, 2, 2, 2])
    let paddings = builder.ints("paddings", shape: [4, 2], [0, 0, 1, 1, 0, 2, 0, 0])
    let fill = builder.floats("fill", shape: [], [0.5])
    let padded = builder.activation("padded", shape: [1, 4, 4, 2])
    let flat = builder.activation("flat", shape: [1, 32])
    builder.op(21, inputs: [input], outputs: [clamped])
    builder.op(14, inputs: [clamped], outputs: [squashed])
    builder.op(
      17, inputs: [squashed], outputs: [pooled], optionsType: 5,
      options: [.int8(1), .int32(2), .int32(2), .int32(2), .int32(2), .int8(1)])
    builder.op(60, inputs: [pooled, paddings, fill], outputs: [padded])
    builder.op(
      22, inputs: [padded], outputs: [flat], optionsType: 17, options: [.object(.int32s([1, -1]))])
    let graph = try TFLiteReader.read(builder.serialized(inputs: [input], outputs: [flat]))
    #expect(
      graph.nodes.map(\.operation) == [
        .clamp(Clamp(min: 0, max: 6)), .sigmoid(Sigmoid()),
        .maxPool(MaxPooling2D(kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2)),
        .clamp(Clamp(min: 0, max: .infinity)),
        .pad(ConstantPad(before: [0, 1, 0, 0], after: [0, 1, 2, 0], value: 0.5)),
        .reshape(Reshape(shape: [1, -1])),
      ])
    let shapes = try graph.inferShapes(inputShapes: [[1, 4, 4, 2]])
    #expect(graph.outputs.map { shapes[$0] } == [[1, 32]])
  }

  @Test func depthwiseFilterIsTransposedPerOutputChannel() throws {
    var builder = TFLiteTestModelBuilder()
    let input = builder.activation("input", shape: [1, 3, 3, 2])
    let filter = builder.floats("filter", shape: [1, 1, 2, 4], (0..<8).map { Float($0) })
    let bias = builder.floats("bias", shape: [4], [1, 2, 3, 4])
    let output = builder.activation("output", shape: [1, 3, 3, 4])
    builder.op(
      4, inputs: [input, filter, bias], outputs: [output], optionsType: 2,
      options: [.int8(0), .int32(1), .int32(1), .int32(2), .int8(3)])
    let graph = try TFLiteReader.read(builder.serialized(inputs: [input], outputs: [output]))
    let node = try #require(graph.nodes.first)
    guard case .convolution(let conv) = node.operation else {
      Issue.record("expected a convolution, got \(node.operation)")
      return
    }
    #expect(conv.filter == Tensor(shape: [4, 1, 2, 1], data: [0, 4, 1, 5, 2, 6, 3, 7]))
    #expect(conv.bias == Tensor(shape: [4], data: [1, 2, 3, 4]))
    #expect(conv.groups == 2)
    #expect(conv.padding == .same)
    #expect(conv.activation == .relu6)
    #expect(try graph.inferShapes(inputShapes: [[1, 3, 3, 2]])[graph.outputs[0]] == [1, 3, 3, 4])
  }

  @Test func unsupportedFusedActivationIsReported() throws {
    var builder = TFLiteTestModelBuilder()
    let a = builder.activation("a", shape: [1, 2])
    let b = builder.activation("b", shape: [1, 2])
    let sum = builder.activation("sum", shape: [1, 2])
    builder.op(0, inputs: [a, b], outputs: [sum], optionsType: 11, options: [.int8(4)])
    #expect(throws: ModelError.unsupportedFeature("ADD with fused TANH")) {
      try TFLiteReader.read(builder.serialized(inputs: [a, b], outputs: [sum]))
    }
  }

  @Test func operatorOutsideTheOldCodeRangeIsNamed() throws {
    var builder = TFLiteTestModelBuilder()
    let input = builder.activation("input", shape: [1, 2])
    let output = builder.activation("output", shape: [1, 2])
    builder.op(150, inputs: [input], outputs: [output])
    #expect(throws: ModelError.unsupportedOperator("GELU")) {
      try TFLiteReader.read(builder.serialized(inputs: [input], outputs: [output]))
    }
  }

  @Test func emptyAndTruncatedFilesThrow() throws {
    #expect(throws: ModelError.self) { try TFLiteReader.read([]) }
    for name in [Self.shortRange, Self.fullRange] {
      let bytes = try ModelFiles.bytes(name)
      for cut in [1, 3, 4, 8, 64, 1000, bytes.count / 3, bytes.count / 2, bytes.count - 100] {
        #expect(throws: ModelError.self, "cut at \(cut)") {
          try TFLiteReader.read(Array(bytes.prefix(cut)))
        }
      }
    }
  }

  @Test func randomBytesThrow() {
    var generator = SeededGenerator(seed: 7)
    for length in [4, 16, 100, 4096] {
      for _ in 0..<20 {
        let garbage = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(throws: ModelError.self) { try TFLiteReader.read(garbage) }
      }
    }
  }

  @Test(arguments: [shortRange, fullRange])
  func corruptedModelsLoadOrThrowModelError(_ name: String) throws {
    let original = try ModelFiles.bytes(name)
    var generator = SeededGenerator(seed: 11)
    for round in 0..<60 {
      var bytes = original
      for _ in 0...(round % 8) {
        let index = Int.random(in: 0..<bytes.count, using: &generator)
        bytes[index] = UInt8.random(in: 0...255, using: &generator)
      }
      let cut = round % 3 == 0 ? Int.random(in: 0..<bytes.count, using: &generator) : bytes.count
      do {
        _ = try TFLiteReader.read(Array(bytes.prefix(cut)))
      } catch {
        #expect(error is ModelError)
      }
    }
  }

  @Test func missingFileThrowsModelError() {
    let url = URL(fileURLWithPath: "/nonexistent/model.tflite")
    #expect(throws: ModelError.self) { try TFLiteReader.read(contentsOf: url) }
  }
}
