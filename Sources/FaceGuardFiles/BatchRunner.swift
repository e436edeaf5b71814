import FaceGuardCore
import Synchronization

/// Runs the same work over many files, several at a time, and keeps going when one fails.
public struct BatchRunner: Sendable {
  /// How many files are processed at once.
  public let jobs: Int

  /// Creates a runner; `jobs` is at least 1.
  public init(jobs: Int) {
    self.jobs = max(1, jobs)
  }

  /// Processes every file and returns the outcomes in input order.
  ///
  /// - Parameters:
  ///   - files: what to process.
  ///   - work: the job for one file; an error marks that file failed and the batch goes on.
  ///   - finished: called after each file (from any thread) with the number done so far.
  public func run<Value: Sendable>(
    _ files: [InputFile],
    work: @Sendable (InputFile) throws -> Value,
    finished: @Sendable (_ done: Int, _ file: InputFile) -> Void = { _, _ in }
  ) -> [Result<Value, FileFailure>] {
    let done = Mutex(0)
    return ParallelWork.map(count: files.count, workers: jobs) { index, _ in
      let file = files[index]
      let outcome: Result<Value, FileFailure>
      do {
        outcome = .success(try work(file))
      } catch let failure as FileFailure {
        outcome = .failure(failure)
      } catch {
        outcome = .failure(FileFailure(path: file.displayPath, reason: "\(error)"))
      }
      finished(
        done.withLock {
          $0 += 1
          return $0
        }, file)
      return outcome
    }
  }
}
