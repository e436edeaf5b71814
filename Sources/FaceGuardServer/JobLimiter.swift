import Dispatch
import Synchronization

/// Runs CPU-bound photo work on Dispatch's worker threads, never on the server's event loops,
/// with at most ``capacity`` jobs at once. A job that finds every slot taken is refused at once
/// (the caller answers 503), so nothing queues without bound.
final class JobLimiter: Sendable {
  /// Jobs allowed at once.
  let capacity: Int
  private let running = Mutex(0)

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// Jobs running now (including ones whose caller already gave up after a timeout).
  var activeJobs: Int { running.withLock { $0 } }

  /// Runs `work` on a worker thread and returns its result.
  ///
  /// The slot stays taken until `work` really finishes, even when the caller stops waiting after
  /// `timeout`, so the bound on concurrent CPU work always holds.
  ///
  /// - Throws: ``JobLimiterError/busy`` when every slot is taken, ``JobLimiterError/timedOut``
  ///   when `work` takes longer than `timeout`, or what `work` throws.
  func run<Value: Sendable>(
    timeout: Duration, _ work: @escaping @Sendable () throws -> Value
  ) async throws -> Value {
    let acquired = running.withLock { count in
      guard count < capacity else { return false }
      count += 1
      return true
    }
    guard acquired else { throw JobLimiterError.busy }
    return try await withCheckedThrowingContinuation { continuation in
      let once = ResumeOnce(continuation)
      DispatchQueue.global(qos: .userInitiated).async {
        let result = Result { try work() }
        self.running.withLock { $0 -= 1 }
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
  /// Every slot was taken.
  case busy
  /// The job took longer than the time limit.
  case timedOut
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
