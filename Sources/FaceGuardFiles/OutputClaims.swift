import Foundation
import Synchronization

/// Remembers which input each output path was written for, so two inputs that map to the same
/// output (`a/x.jpg` and `b/x.jpg` under one `-o` folder, or `x.heic` next to `x.jpg`) do not
/// silently replace each other's anonymized copy. Safe to share between threads.
public final class OutputClaims: Sendable {
  private let owners = Mutex<[String: String]>([:])

  /// Creates an empty record.
  public init() {}

  /// Records that `input` writes `output`.
  ///
  /// - Throws: a ``FileFailure`` for `input` naming the other input when `output` was already
  ///   claimed by a different one.
  public func claim(_ output: URL, for input: String) throws {
    let path = output.standardizedFileURL.path
    let owner = owners.withLock { owners -> String in
      if let owner = owners[path] { return owner }
      owners[path] = input
      return input
    }
    guard owner == input else {
      throw FileFailure(
        path: input,
        reason: "its output \(output.path) would replace the one written for \(owner); "
          + "process these files in separate runs or rename one")
    }
  }
}
