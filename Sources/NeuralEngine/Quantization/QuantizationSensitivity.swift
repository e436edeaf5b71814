import Dispatch
import Foundation

/// How much the int8 rounding of each activation costs a graph's outputs: the graph runs on int8
/// with every calibrated node, then once per int8 value with that value kept exact (the int8
/// nodes that write or read it kept on fp32), and the outputs are compared with the fp32 graph's
/// on the same inputs. The values whose exactness removes the most error are the ones worth
/// keeping on fp32 (``ActivationQuantization/floatNodes``).
public struct QuantizationSensitivity: Sendable {
  /// The effect of keeping one int8 value exact.
  public struct ValueEffect: Sendable, Equatable {
    /// The value's name.
    public var name: String
    /// The int8 nodes that write or read it, by output value name, as
    /// ``ActivationQuantization/floatNodes`` names them.
    public var nodes: Set<String>
    /// The output error with those nodes on fp32.
    public var error: Double
    /// Those nodes' multiply-accumulates over the measured inputs: what keeping them on fp32
    /// costs.
    public var multiplyAccumulates: Int
  }

  /// The output error with every calibrated node on int8: the mean over the graph outputs and
  /// inputs of the summed absolute difference from fp32 divided by the summed absolute fp32
  /// value.
  public let error: Double
  /// The multiply-accumulates of the whole graph over the measured inputs.
  public let multiplyAccumulates: Int
  /// Every int8 value, the one whose exactness removes the most error first.
  public let values: [ValueEffect]

  /// Measures `graph` with `quantization` on `inputs` (each element one run's input tensors),
  /// running one single-threaded runtime per value on each core (the same inputs give the same
  /// figures).
  ///
  /// - Throws: ``ModelError`` when the graph cannot run or the inputs do not fit it.
  public init(graph: Graph, quantization: ActivationQuantization, inputs: [[Tensor]]) throws {
    let float = XNNPACKRuntime(graph: graph, threads: 1)
    let reference = try inputs.map { try float.run($0) }
    let rewritten = graph.rewritingStridedDeconvolutions()
    try rewritten.validateForExecution()
    let calibrated = try quantization.parametersByValue(of: rewritten)
    let floatNodeOutputs = try quantization.floatNodeOutputs(of: rewritten)
    let assignment = Int8Assignment(
      graph: rewritten, calibrated: calibrated, floatNodeOutputs: floatNodeOutputs)
    let weights = XNNStaticWeights(graph: rewritten, int8: assignment)
    error = try Self.error(
      of: XNNPACKRuntime(rewrittenGraph: rewritten, threads: 1, int8: assignment, weights: weights),
      inputs: inputs, reference: reference)
    var touching = [Int: Set<Int>]()
    for index in assignment.nodes {
      let node = rewritten.nodes[index]
      for value in node.inputs + node.outputs { touching[value, default: []].insert(index) }
    }
    let candidates = touching.keys.sorted().map { ($0, touching[$0] ?? []) }
    let costs = try Self.multiplyAccumulates(of: rewritten, inputs: inputs)
    multiplyAccumulates = costs.reduce(0, +)
    let results = ResultSlots(count: candidates.count)
    DispatchQueue.concurrentPerform(iterations: candidates.count) { position in
      let (value, nodes) = candidates[position]
      let names = Set(nodes.map { rewritten.values[rewritten.nodes[$0].outputs[0]].name })
      let keeping = Int8Assignment(
        graph: rewritten, calibrated: calibrated,
        floatNodeOutputs: floatNodeOutputs.union(nodes.map { rewritten.nodes[$0].outputs[0] }))
      results.store(
        position,
        Result {
          ValueEffect(
            name: rewritten.values[value].name, nodes: names,
            error: try Self.error(
              of: XNNPACKRuntime(
                rewrittenGraph: rewritten, threads: 1, int8: keeping, weights: weights),
              inputs: inputs, reference: reference),
            multiplyAccumulates: nodes.reduce(0) { $0 + costs[$1] })
        })
    }
    values = try results.values.map { try $0.get() }.sorted {
      ($0.error, $0.name) < ($1.error, $1.name)
    }
  }

  /// The mean relative L1 error of `runtime`'s outputs against `reference` over `inputs`.
  private static func error(
    of runtime: XNNPACKRuntime, inputs: [[Tensor]], reference: [[Tensor]]
  ) throws -> Double {
    var total = 0.0
    var count = 0
    for (input, expected) in zip(inputs, reference) {
      for (output, wanted) in zip(try runtime.run(input), expected) {
        var difference: Float = 0
        var magnitude: Float = 0
        output.data.withUnsafeBufferPointer { values in
          wanted.data.withUnsafeBufferPointer { targets in
            for index in 0..<min(values.count, targets.count) {
              difference += abs(values[index] - targets[index])
              magnitude += abs(targets[index])
            }
          }
        }
        total += Double(difference / max(magnitude, .leastNormalMagnitude))
        count += 1
      }
    }
    return total / Double(max(count, 1))
  }

  /// Each node's multiply-accumulates over `inputs`, by node index.
  private static func multiplyAccumulates(of graph: Graph, inputs: [[Tensor]]) throws -> [Int] {
    var costs = Array(repeating: 0, count: graph.nodes.count)
    for input in inputs {
      let shapes = try graph.shapes(forInputs: input)
      for (index, node) in graph.nodes.enumerated() {
        costs[index] += graph.multiplyAccumulates(of: node, shapes: shapes)
      }
    }
    return costs
  }
}

/// Results written by concurrent iterations, each into its own slot.
private final class ResultSlots: @unchecked Sendable {
  private var slots: [Result<QuantizationSensitivity.ValueEffect, any Error>?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ position: Int, _ result: Result<QuantizationSensitivity.ValueEffect, any Error>) {
    lock.lock()
    slots[position] = result
    lock.unlock()
  }

  var values: [Result<QuantizationSensitivity.ValueEffect, any Error>] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0 ?? .failure(ModelError.runtimeFailure("a value was not measured")) }
  }
}
