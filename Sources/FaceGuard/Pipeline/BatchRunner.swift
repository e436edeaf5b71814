import Foundation
import Synchronization

/// A file that could not be processed, with a message naming the file and the problem.
public struct FileFailure: Error, Sendable, CustomStringConvertible {
  /// The path as the user knows it.
  public var path: String
  /// What went wrong, for a person.
  public var reason: String

  /// Creates a failure.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  public var description: String { "\(path): \(reason)" }
}

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
    let results = Mutex([Result<Value, FileFailure>?](repeating: nil, count: files.count))
    let next = Mutex(0)
    let done = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: min(jobs, files.count)) { _ in
      while true {
        let index = next.withLock { value -> Int in
          defer { value += 1 }
          return value
        }
        guard index < files.count else { return }
        let file = files[index]
        let outcome: Result<Value, FileFailure>
        do {
          outcome = .success(try work(file))
        } catch let failure as FileFailure {
          outcome = .failure(failure)
        } catch {
          outcome = .failure(FileFailure(path: file.displayPath, reason: "\(error)"))
        }
        results.withLock { $0[index] = outcome }
        let count = done.withLock { value -> Int in
          value += 1
          return value
        }
        finished(count, file)
      }
    }
    return results.withLock { $0.map { $0! } }
  }
}
