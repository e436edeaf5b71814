/// Records the range of every activation of a graph over calibration inputs, running the fp32
/// graph on XNNPACK on the calling thread (so the same inputs give the same ranges), and turns
/// the ranges into ``ActivationQuantization``.
public struct ActivationRangeRecorder {
  /// The graph as ``XNNPACKRuntime`` runs it, whose value names the quantization uses.
  private let graph: Graph
  /// The same graph with every activation among its outputs.
  private let probe: XNNPACKRuntime
  /// The values the probe returns, in its output order.
  private let recordedValues: [Int]
  /// The smallest and largest element seen per recorded value, in ``recordedValues`` order.
  private var ranges: [(minimum: Float, maximum: Float)]

  /// Prepares to record the activations of `graph`.
  public init(graph: Graph) {
    let graph = graph.rewritingStridedDeconvolutions()
    var recorded: [Int] = []
    for value in graph.inputs + graph.nodes.flatMap(\.outputs)
    where graph.constants[value] == nil && !recorded.contains(value) {
      recorded.append(value)
    }
    var probeGraph = graph
    probeGraph.outputs = recorded
    self.graph = graph
    probe = XNNPACKRuntime(graph: probeGraph, threads: 1)
    recordedValues = recorded
    ranges = Array(repeating: (Float.infinity, -Float.infinity), count: recorded.count)
  }

  /// Runs the graph on one set of inputs and widens every value's range to what it saw.
  ///
  /// - Throws: ``ModelError`` when the inputs do not fit the graph.
  public mutating func record(_ inputs: [Tensor]) throws {
    let outputs = try probe.run(inputs)
    for (position, tensor) in outputs.enumerated() {
      ranges[position] = tensor.data.withUnsafeBufferPointer { elements in
        var (minimum, maximum) = ranges[position]
        for index in 0..<elements.count {
          let element = elements[index]
          if element < minimum { minimum = element }
          if element > maximum { maximum = element }
        }
        return (minimum, maximum)
      }
    }
  }

  /// The parameters covering each recorded range; values never recorded are left out.
  public var quantization: ActivationQuantization {
    var parameters = [String: QuantizationParameters]()
    for (value, range) in zip(recordedValues, ranges) where range.minimum <= range.maximum {
      parameters[graph.values[value].name] = QuantizationParameters(
        minimum: range.minimum, maximum: range.maximum)
    }
    return ActivationQuantization(parameters: parameters)
  }
}
