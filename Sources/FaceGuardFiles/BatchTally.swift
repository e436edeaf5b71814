import Synchronization

/// How many files of a running batch are finished, and how: readable from any thread while the
/// batch runs, for the summary an interrupted run prints.
public final class BatchTally: Sendable {
  /// The counts at one moment.
  public struct Counts: Sendable, Equatable {
    /// Files processed and written (or reported, in report-only mode).
    public var processed = 0
    /// Files whose output an earlier run had already written, left as they were.
    public var skipped = 0
    /// Files that failed.
    public var failed = 0

    /// All files finished.
    public var finished: Int { processed + skipped + failed }
  }

  private let counts = Mutex(Counts())

  /// Creates a tally of nothing yet.
  public init() {}

  /// The counts now.
  public var current: Counts { counts.withLock { $0 } }

  /// Counts one finished file.
  func record(_ outcome: Result<AnonymizeBatch.Done, FileFailure>) {
    counts.withLock { counts in
      switch outcome {
      case .success(let done) where done.result.isSkipped: counts.skipped += 1
      case .success: counts.processed += 1
      case .failure: counts.failed += 1
      }
    }
  }
}
