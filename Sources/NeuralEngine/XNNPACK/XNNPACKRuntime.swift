import CXNNPACK
import Foundation

/// Runs a ``Graph`` with XNNPACK on a pool of threads.
///
/// Operations this XNNPACK version lacks (concatenation, and a few parameter combinations) run
/// in Swift between XNNPACK subgraphs. The compiled subgraphs and their buffers are cached per
/// input shape, so repeated runs at one size allocate almost nothing. Calls are serialized by an
/// internal lock, so one instance may be shared between tasks.
public final class XNNPACKRuntime: InferenceRuntime, @unchecked Sendable {
  /// How many input shapes keep their compiled plans; the least recently used is dropped first.
  /// Two serves a run of photos or frames of one size (a whole-image pass and a tile size per
  /// runtime) while photos of ever-changing sizes hold at most two plans' buffers each (a
  /// 1024-pixel tile's plan holds about 200 MB).
  static let cacheCapacity = 2

  private let graph: Graph
  /// Why the graph cannot run, found once at creation.
  private let graphError: ModelError?
  private let weights: XNNStaticWeights?
  /// The nodes that run on int8 values, when the runtime was given quantization parameters.
  private let int8: Int8Assignment?
  /// The `pthreadpool_t`, or `nil` to run on the calling thread.
  private let threadPool: OpaquePointer?
  private let lock = NSLock()
  /// Plans by input shapes, most recently used last.
  private var plans: [(key: [[Int]], plan: XNNExecutionPlan)] = []

  /// Prepares a graph for XNNPACK.
  ///
  /// - Parameters:
  ///   - graph: the network to run.
  ///   - threads: worker threads; `nil` uses every active processor, `1` runs on the caller's
  ///     thread.
  ///   - quantization: the int8 parameters of the graph's activations (from
  ///     ``ActivationRangeRecorder``); with them, convolutions, additions, max pooling, padding
  ///     and clamps run on int8 values with per-channel int8 filters, everything else and the
  ///     graph's inputs and outputs on fp32. `nil` runs everything on fp32.
  public init(graph: Graph, threads: Int? = nil, quantization: ActivationQuantization? = nil) {
    let graph = graph.rewritingStridedDeconvolutions()
    self.graph = graph
    do {
      try graph.validateForExecution()
      let int8 = try quantization.map {
        Int8Assignment(
          graph: graph, calibrated: try $0.parametersByValue(of: graph),
          floatNodeOutputs: try $0.floatNodeOutputs(of: graph))
      }
      graphError = nil
      self.int8 = int8
      weights = XNNStaticWeights(graph: graph, int8: int8)
    } catch let error as ModelError {
      graphError = error
      int8 = nil
      weights = nil
    } catch {
      graphError = .malformed("\(error)")
      int8 = nil
      weights = nil
    }
    let count = max(threads ?? ProcessInfo.processInfo.activeProcessorCount, 1)
    threadPool = count > 1 ? pthreadpool_create(count) : nil
  }

  /// Prepares a graph that already passed ``Graph/validateForExecution()`` after
  /// ``Graph/rewritingStridedDeconvolutions()``, on weights prepared for it with an int8
  /// assignment covering `int8`'s nodes: runtimes that keep different nodes on fp32 share one
  /// conversion of the weights.
  init(rewrittenGraph graph: Graph, threads: Int, int8: Int8Assignment, weights: XNNStaticWeights) {
    self.graph = graph
    graphError = nil
    self.int8 = int8
    self.weights = weights
    threadPool = threads > 1 ? pthreadpool_create(threads) : nil
  }

  deinit {
    plans.removeAll()
    if let threadPool { pthreadpool_destroy(threadPool) }
  }

  /// Runs the graph once; the first run at a new input shape compiles a plan for it.
  ///
  /// - Throws: ``ModelError`` when the graph is malformed, the inputs do not fit it, or XNNPACK
  ///   fails.
  public func run(_ inputs: [Tensor]) throws -> [Tensor] {
    if let graphError { throw graphError }
    guard let weights else { throw ModelError.runtimeFailure("weights were not prepared") }
    try XNNLibrary.initialize()
    let key = inputs.map(\.shape)
    lock.lock()
    defer { lock.unlock() }
    let plan: XNNExecutionPlan
    if let position = plans.firstIndex(where: { $0.key == key }) {
      let entry = plans.remove(at: position)
      plans.append(entry)
      plan = entry.plan
    } else {
      let shapes = try graph.shapes(forInputs: inputs)
      plan = try XNNExecutionPlan(
        graph: graph, shapes: shapes, weights: weights, int8: int8, threadPool: threadPool)
      plans.append((key, plan))
      if plans.count > Self.cacheCapacity { plans.removeFirst() }
    }
    try checkElementCounts(inputs)
    return try plan.run(inputs)
  }

  /// How many of the graph's nodes run on int8 values (0 without quantization parameters);
  /// nodes XNNPACK cannot run at some input size fall back to fp32 there.
  public var int8NodeCount: Int { int8?.nodes.count ?? 0 }

  /// The number of input shapes with a compiled plan.
  var cachedPlanCount: Int {
    lock.lock()
    defer { lock.unlock() }
    return plans.count
  }

  /// Throws when a tensor's data does not match its shape.
  private func checkElementCounts(_ inputs: [Tensor]) throws {
    for tensor in inputs where tensor.data.count != tensor.shape.reduce(1, *) {
      throw ModelError.invalidShape(
        "input of shape \(tensor.shape) holds \(tensor.data.count) elements")
    }
  }
}
