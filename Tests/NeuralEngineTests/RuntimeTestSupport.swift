import TestSupport
import Testing

@testable import NeuralEngine

/// Builders and comparisons shared by the runtime tests.
enum RuntimeTestSupport {
  /// A tensor of uniformly random values in `range`, the same for the same seed.
  static func randomTensor(_ shape: [Int], seed: UInt64, range: ClosedRange<Float> = -1...1)
    -> Tensor
  {
    var generator = SeededGenerator(seed: seed)
    let data = (0..<shape.reduce(1, *)).map { _ in Float.random(in: range, using: &generator) }
    return Tensor(shape: shape, data: data)
  }

  /// A graph of one operation reading `inputCount` caller inputs, then the given constants.
  static func singleOperationGraph(
    _ operation: Operator, inputCount: Int = 1, constants: [Tensor] = []
  ) -> Graph {
    let operandCount = inputCount + constants.count
    let values = (0...operandCount).map { Graph.Value(name: "v\($0)") }
    var constantValues: [Int: Tensor] = [:]
    for (offset, tensor) in constants.enumerated() { constantValues[inputCount + offset] = tensor }
    return Graph(
      values: values, constants: constantValues,
      nodes: [
        Graph.Node(
          operation: operation, inputs: Array(0..<operandCount), outputs: [operandCount])
      ],
      inputs: Array(0..<inputCount), outputs: [operandCount])
  }

  /// The largest difference between two tensors, relative to magnitude once values exceed 1.
  static func maximumDifference(_ left: Tensor, _ right: Tensor) -> Float {
    zip(left.data, right.data).map { abs($0 - $1) / max(1, abs($0)) }.max() ?? 0
  }

  /// Runs the graph on both runtimes and expects the same shapes and values within 1e-4.
  static func expectRuntimesAgree(
    _ graph: Graph, inputs: [Tensor], threads: Int = 2,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let expected = try ReferenceRuntime(graph: graph).run(inputs)
    let actual = try XNNPACKRuntime(graph: graph, threads: threads).run(inputs)
    try #require(expected.count == actual.count, sourceLocation: sourceLocation)
    for (reference, fast) in zip(expected, actual) {
      #expect(reference.shape == fast.shape, sourceLocation: sourceLocation)
      #expect(maximumDifference(reference, fast) < 1e-4, sourceLocation: sourceLocation)
    }
  }

  /// Checks one operation on random inputs of the given shapes (constants are random too).
  static func expectOperationAgrees(
    _ operation: Operator, inputShapes: [[Int]], constantShapes: [[Int]] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let constants = constantShapes.enumerated().map { randomTensor($1, seed: 100 + UInt64($0)) }
    let graph = singleOperationGraph(
      operation, inputCount: inputShapes.count, constants: constants)
    let inputs = inputShapes.enumerated().map { randomTensor($1, seed: UInt64($0) + 1) }
    try expectRuntimesAgree(graph, inputs: inputs, sourceLocation: sourceLocation)
  }

  /// A convolution with random weights and bias.
  static func convolution(
    outputChannels: Int, kernel: Int, inputChannels: Int, groups: Int = 1, stride: Int = 1,
    dilation: Int = 1, padding: Padding = .none, activation: FusedActivation = .none,
    seed: UInt64 = 7
  ) -> Operator {
    .convolution(
      Convolution2D(
        filter: randomTensor(
          [outputChannels, kernel, kernel, inputChannels / groups], seed: seed),
        bias: randomTensor([outputChannels], seed: seed + 1), strideHeight: stride,
        strideWidth: stride, dilationHeight: dilation, dilationWidth: dilation, padding: padding,
        groups: groups, activation: activation))
  }
}
