import Dispatch
import Synchronization

/// Runs CPU-bound photo work on Dispatch's worker threads, never on the server's event loops,
/// with at most ``capacity`` jobs and ``memoryBudget`` bytes of their estimated working memory at
/// once. A job that finds every slot or too much of the budget taken is refused at once (the
/// caller answers 503), so nothing queues without bound; a job that alone needs more than the
/// whole budget is refused for good.
final class JobLimiter: Sendable {
  /// Jobs allowed at once.
  let capacity: Int
  /// Bytes of working memory the jobs running at once may hold together.
  let memoryBudget: Int
  private let state = Mutex(Usage())

  /// What the running jobs hold.
  private struct Usage {
    var jobs = 0
    var bytes = 0
  }

  init(capacity: Int, memoryBudget: Int = .max) {
    self.capacity = capacity
    self.memoryBudget = memoryBudget
  }

  /// Jobs running now (including ones whose caller already gave up after a timeout).
  var activeJobs: Int { state.withLock { $0.jobs } }

  /// Bytes of working memory the running jobs reserved.
  var reservedBytes: Int { state.withLock { $0.bytes } }

  /// Runs `work` on a worker thread and returns its result.
  ///
  /// The slot and the reserved bytes stay taken until `work` really finishes, even when the
  /// caller stops waiting after `timeout`, so the bounds on concurrent CPU work and memory always
  /// hold.
  ///
  /// - Parameter bytes: the working memory `work` is estimated to need.
  /// - Throws: ``JobLimiterError/overBudget(needed:budget:)`` when `bytes` exceeds the whole
  ///   budget, ``JobLimiterError/busy`` when every slot or too much of the budget is taken,
  ///   ``JobLimiterError/timedOut`` when `work` takes longer than `timeout`, or what `work`
  ///   throws.
  func run<Value: Sendable>(
    reserving bytes: Int = 0, timeout: Duration,
    _ work: @escaping @Sendable () throws -> Value
  ) async throws -> Value {
    guard bytes <= memoryBudget else {
      throw JobLimiterError.overBudget(needed: bytes, budget: memoryBudget)
    }
    let acquired = state.withLock { usage in
      guard usage.jobs < capacity, usage.bytes <= memoryBudget - bytes else { return false }
      usage.jobs += 1
      usage.bytes += bytes
      return true
    }
    guard acquired else { throw JobLimiterError.busy }
    return try await withCheckedThrowingContinuation { continuation in
      let once = ResumeOnce(continuation)
      DispatchQueue.global(qos: .userInitiated).async {
        let result = Result { try work() }
        self.state.withLock { usage in
          usage.jobs -= 1
          usage.bytes -= bytes
        }
        once.resume(with: result)
      }
      let components = timeout.components
      let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
      DispatchQueue.global().asyncAfter(
        deadline: .now() + .nanoseconds(Int(clamping: nanoseconds))
      ) {
        once.resume(with: .failure(JobLimiterError.timedOut))
      }
    }
  }
}

/// Why a job did not run to the end for its caller.
enum JobLimiterError: Error, Equatable {
  /// Every slot, or too much of the memory budget, was taken.
  case busy
  /// The job took longer than the time limit.
  case timedOut
  /// The job alone needs more working memory than the whole budget.
  case overBudget(needed: Int, budget: Int)
}

/// A continuation that only its first `resume` reaches.
private final class ResumeOnce<Value: Sendable>: Sendable {
  private let continuation: Mutex<CheckedContinuation<Value, any Error>?>

  init(_ continuation: CheckedContinuation<Value, any Error>) {
    self.continuation = Mutex(continuation)
  }

  func resume(with result: Result<Value, any Error>) {
    let pending = continuation.withLock { stored in
      defer { stored = nil }
      return stored
    }
    pending?.resume(with: result)
  }
}
