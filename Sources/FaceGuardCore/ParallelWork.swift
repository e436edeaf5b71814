import Dispatch
import Synchronization

/// Runs independent jobs on several threads at once, each thread taking the next job as soon as
/// it has finished one, so a slow job never holds up the others (work stealing).
public enum ParallelWork {
  /// The result of every job, in job order.
  ///
  /// - Parameters:
  ///   - count: how many jobs there are.
  ///   - workers: the most threads used at once (at least 1); each has a number in
  ///     `0..<min(workers, count)` that it passes to every job it runs, so a worker can use a
  ///     resource of its own (say a single-threaded detector).
  ///   - job: runs job `index` on worker `worker`.
  public static func map<Value: Sendable>(
    count: Int, workers: Int, _ job: @Sendable (_ index: Int, _ worker: Int) -> Value
  ) -> [Value] {
    guard count > 0 else { return [] }
    let results = Mutex([Value?](repeating: nil, count: count))
    let next = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: min(max(workers, 1), count)) { worker in
      while true {
        let index = next.withLock { value -> Int in
          defer { value += 1 }
          return value
        }
        guard index < count else { return }
        let value = job(index, worker)
        results.withLock { $0[index] = value }
      }
    }
    return results.withLock { $0.map { $0! } }
  }
}
