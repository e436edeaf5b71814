import TestSupport
import Testing

@testable import NeuralEngine

/// XNNPACK's int8 kernels against the plain-Swift int8 reference, and int8 graphs against fp32.
@Suite struct QuantizedOperatorTests {
  typealias Support = RuntimeTestSupport
  typealias Activation = QuantizedReference.Activation

  /// Random int8 steps with the given parameters.
  static func randomActivation(
    _ shape: [Int], parameters: QuantizationParameters, seed: UInt64
  ) -> Activation {
    var generator = SeededGenerator(seed: seed)
    let steps = (0..<shape.reduce(1, *)).map { _ in Int8.random(in: -128...127, using: &generator) }
    return Activation(shape: shape, steps: steps, parameters: parameters)
  }

  /// The parameters covering every value of `tensor`.
  static func covering(_ tensor: Tensor) -> QuantizationParameters {
    QuantizationParameters(minimum: tensor.data.min() ?? 0, maximum: tensor.data.max() ?? 0)
  }

  /// Runs `operation` on XNNPACK with int8 operands and output, followed by a wide fp32 clamp
  /// (graph outputs stay fp32, so the clamp is what reads the int8 result), and returns the
  /// output steps.
  static func int8Steps(
    of operation: Operator, operands: [Activation], output: QuantizationParameters
  ) throws -> [Int8] {
    let count = operands.count
    let values = (0...(count + 1)).map { Graph.Value(name: "v\($0)") }
    let graph = Graph(
      values: values,
      nodes: [
        Graph.Node(operation: operation, inputs: Array(0..<count), outputs: [count]),
        Graph.Node(
          operation: .clamp(Clamp(min: -1e6, max: 1e6)), inputs: [count], outputs: [count + 1]),
      ],
      inputs: Array(0..<count), outputs: [count + 1])
    var parameters = ["v\(count)": output]
    for (index, operand) in operands.enumerated() { parameters["v\(index)"] = operand.parameters }
    let runtime = XNNPACKRuntime(
      graph: graph, threads: 1, quantization: ActivationQuantization(parameters: parameters))
    let result = try runtime.run(operands.map(\.dequantized))
    #expect(runtime.int8NodeCount == 1)
    return result[0].data.map { output.quantize($0) }
  }

  /// The largest difference in steps between two int8 tensors.
  static func largestStepDifference(_ left: [Int8], _ right: [Int8]) -> Int {
    zip(left, right).map { abs(Int($0) - Int($1)) }.max() ?? 0
  }

  static let convolutions: [(name: String, convolution: Operator, input: [Int])] = [
    (
      "3x3 same, 8 to 16",
      Support.convolution(
        outputChannels: 16, kernel: 3, inputChannels: 8, padding: .same), [1, 9, 11, 8]
    ),
    (
      "3x3 stride 2 with ReLU",
      Support.convolution(
        outputChannels: 12, kernel: 3, inputChannels: 6, stride: 2, padding: .same,
        activation: .relu), [1, 12, 10, 6]
    ),
    (
      "1x1 with ReLU6",
      Support.convolution(
        outputChannels: 32, kernel: 1, inputChannels: 16, activation: .relu6), [1, 7, 7, 16]
    ),
    (
      "depthwise 3x3",
      Support.convolution(
        outputChannels: 24, kernel: 3, inputChannels: 24, groups: 24, padding: .same),
      [1, 10, 9, 24]
    ),
    (
      "grouped 3x3",
      Support.convolution(
        outputChannels: 8, kernel: 3, inputChannels: 8, groups: 2), [1, 6, 6, 8]
    ),
  ]

  @Test(arguments: convolutions.indices)
  func convolutionOnXNNPACKMatchesReference(_ index: Int) throws {
    let (name, operation, shape) = Self.convolutions[index]
    guard case .convolution(let convolution) = operation else {
      Issue.record("\(name) is not a convolution")
      return
    }
    let input = Self.randomActivation(
      shape, parameters: QuantizationParameters(scale: 0.02, zeroPoint: -10), seed: 3)
    let float = try ReferenceRuntime(graph: Support.singleOperationGraph(operation)).run([
      input.dequantized
    ])
    let output = Self.covering(float[0])
    let expected = try QuantizedReference.convolution(convolution, input: input, output: output)
    let actual = try Self.int8Steps(of: operation, operands: [input], output: output)
    #expect(Self.largestStepDifference(expected.steps, actual) <= 1, "\(name)")
    let error = zip(expected.dequantized.data, float[0].data).map { abs($0 - $1) }.max() ?? 0
    #expect(error < 2 * output.scale, "\(name): the int8 reference is off fp32 by \(error)")
  }

  @Test func additionOnXNNPACKMatchesReference() throws {
    let shape = [1, 5, 6, 7]
    let left = Self.randomActivation(
      shape, parameters: QuantizationParameters(scale: 0.03, zeroPoint: 5), seed: 11)
    let right = Self.randomActivation(
      shape, parameters: QuantizationParameters(scale: 0.01, zeroPoint: -20), seed: 12)
    let output = QuantizationParameters(minimum: -5.5, maximum: 5.5)
    let expected = QuantizedReference.addition(left, right, output: output)
    let actual = try Self.int8Steps(
      of: .add(Addition()), operands: [left, right], output: output)
    #expect(Self.largestStepDifference(expected.steps, actual) <= 1)
  }

  @Test func parametersSpanTheRangeAndKeepZeroExact() {
    let parameters = QuantizationParameters(minimum: 0.5, maximum: 10.2)
    #expect(parameters.dequantize(parameters.quantize(0)) == 0)
    #expect(parameters.quantize(10.2) == 127)
    #expect(parameters.quantize(-1) == -128)
    let symmetric = QuantizationParameters(minimum: -2, maximum: 2)
    #expect(abs(symmetric.dequantize(symmetric.quantize(1.3)) - 1.3) <= symmetric.scale / 2)
  }

  @Test func parametersNamingAnUnknownValueAreRefused() {
    let graph = Support.singleOperationGraph(.sigmoid(Sigmoid()))
    let runtime = XNNPACKRuntime(
      graph: graph,
      quantization: ActivationQuantization(parameters: [
        "missing": QuantizationParameters(scale: 1, zeroPoint: 0)
      ]))
    #expect(throws: ModelError.self) { try runtime.run([Tensor(shape: [1, 2, 2, 1])]) }
  }

  /// A small network of the kinds of nodes the detectors have: convolutions with ReLU, a
  /// depthwise convolution, a residual addition, max pooling, and an fp32-only sigmoid head.
  static func residualNetwork() -> Graph {
    let values = (0...7).map { Graph.Value(name: "v\($0)") }
    let nodes: [Graph.Node] = [
      .init(
        operation: Support.convolution(
          outputChannels: 8, kernel: 3, inputChannels: 3, stride: 2, padding: .same,
          activation: .relu, seed: 21), inputs: [0], outputs: [1]),
      .init(
        operation: Support.convolution(
          outputChannels: 8, kernel: 3, inputChannels: 8, groups: 8, padding: .same,
          activation: .relu6, seed: 23), inputs: [1], outputs: [2]),
      .init(
        operation: Support.convolution(outputChannels: 8, kernel: 1, inputChannels: 8, seed: 25),
        inputs: [2], outputs: [3]),
      .init(operation: .add(Addition(activation: .relu)), inputs: [1, 3], outputs: [4]),
      .init(
        operation: .maxPool(
          MaxPooling2D(kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2)),
        inputs: [4], outputs: [5]),
      .init(
        operation: Support.convolution(outputChannels: 1, kernel: 1, inputChannels: 8, seed: 27),
        inputs: [5], outputs: [6]),
      .init(operation: .sigmoid(Sigmoid()), inputs: [6], outputs: [7]),
    ]
    return Graph(values: values, nodes: nodes, inputs: [0], outputs: [7])
  }

  /// The parameters ``ActivationRangeRecorder`` records for `graph` over `inputs`, one run each.
  static func calibration(of graph: Graph, inputs: [Tensor]) throws -> ActivationQuantization {
    var recorder = ActivationRangeRecorder(graph: graph)
    for input in inputs { try recorder.record([input]) }
    return recorder.quantization
  }

  @Test func calibratedNetworkOnInt8StaysCloseToFloat() throws {
    let graph = Self.residualNetwork()
    let inputs = (0..<3).map { Support.randomTensor([1, 32, 32, 3], seed: 40 + UInt64($0)) }
    let quantization = try Self.calibration(of: graph, inputs: inputs)
    #expect(quantization.parameters.count == 8)
    let int8 = XNNPACKRuntime(graph: graph, threads: 1, quantization: quantization)
    let float = XNNPACKRuntime(graph: graph, threads: 1)
    let probe = Support.randomTensor([1, 32, 32, 3], seed: 41)
    let expected = try float.run([probe])[0]
    let actual = try int8.run([probe])[0]
    #expect(int8.int8NodeCount == 6)
    #expect(Support.maximumDifference(expected, actual) < 0.03)
  }

  @Test func aNodeCalibrationKeepsOnFloatRunsOnFloatAndItsReadersStayInt8() throws {
    let graph = Self.residualNetwork()
    let inputs = (0..<3).map { Support.randomTensor([1, 32, 32, 3], seed: 50 + UInt64($0)) }
    var quantization = try Self.calibration(of: graph, inputs: inputs)
    quantization.floatNodes = ["v1"]
    let runtime = XNNPACKRuntime(graph: graph, threads: 1, quantization: quantization)
    #expect(runtime.int8NodeCount == 5)
    let expected = try XNNPACKRuntime(graph: graph, threads: 1).run([inputs[0]])[0]
    #expect(Support.maximumDifference(expected, try runtime.run([inputs[0]])[0]) < 0.03)
    quantization.floatNodes = ["missing"]
    let refusing = XNNPACKRuntime(graph: graph, threads: 1, quantization: quantization)
    #expect(throws: ModelError.self) { try refusing.run([inputs[0]]) }
  }

  @Test func sensitivityRanksTheValueWithTheCoarsestStepsFirst() throws {
    let graph = Self.residualNetwork()
    let inputs = (0..<2).map { Support.randomTensor([1, 32, 32, 3], seed: 60 + UInt64($0)) }
    var quantization = try Self.calibration(of: graph, inputs: inputs)
    let coarse = try #require(quantization.parameters["v3"])
    quantization.parameters["v3"] = QuantizationParameters(
      scale: coarse.scale * 16, zeroPoint: coarse.zeroPoint)
    let sensitivity = try QuantizationSensitivity(
      graph: graph, quantization: quantization, inputs: inputs.map { [$0] })
    #expect(sensitivity.values.count == 7)
    let first = try #require(sensitivity.values.first)
    #expect(first.name == "v3")
    #expect(first.nodes == ["v3", "v4"])
    #expect(first.error < sensitivity.error / 2)
    #expect(first.multiplyAccumulates == 2 * 16 * 16 * 8 * 8)
  }
}
