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
  public init(graph: Graph, threads: Int? = nil) {
    let graph = graph.rewritingStridedDeconvolutions()
    self.graph = graph
    do {
      try graph.validateForExecution()
      graphError = nil
      weights = XNNStaticWeights(graph: graph)
    } catch let error as ModelError {
      graphError = error
      weights = nil
    } catch {
      graphError = .malformed("\(error)")
      weights = nil
    }
    let count = max(threads ?? ProcessInfo.processInfo.activeProcessorCount, 1)
    threadPool = count > 1 ? pthreadpool_create(count) : nil
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
        graph: graph, shapes: shapes, weights: weights, threadPool: threadPool)
      plans.append((key, plan))
      if plans.count > Self.cacheCapacity { plans.removeFirst() }
    }
    try checkElementCounts(inputs)
    return try plan.run(inputs)
  }

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
