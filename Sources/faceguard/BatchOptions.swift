import ArgumentParser
import FaceGuard
import FaceGuardFiles

/// Options of every command that works through a batch of files.
struct BatchOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Setting.jobs))
  var jobs = 1

  @Option(
    name: .customLong("shard"),
    help: ArgumentHelp(
      """
      Process only share I of N of the files found (I from 0 to N-1): N runs given the same \
      paths cover every file exactly once, and running one index again redoes only its files. A \
      file's share is the SHA-256 of its path below its folder, without extension, modulo N; for \
      a Kubernetes Indexed Job pass --shard $(JOB_COMPLETION_INDEX)/N.
      """, valueName: "I/N"))
  var shardText: String?

  func validate() throws {
    try validateSettings { _ = try Setting.jobs.checked(jobs) }
    if let shardText {
      do {
        _ = try Shard(parsing: shardText)
      } catch {
        throw ValidationError(error.description)
      }
    }
  }

  /// The share of the files this run processes; the whole batch without `--shard`.
  var shard: Shard { shardText.flatMap { try? Shard(parsing: $0) } ?? .whole }

  /// The files of `files` this run processes, and the words the summary starts with when the
  /// batch is sharded ("shard 1/4 took 13 of 50 files: ").
  func select(_ files: [InputFile]) -> (files: [InputFile], summary: String) {
    let shard = self.shard
    guard shardText != nil else { return (files, "") }
    let taken = shard.select(files)
    return (taken, "shard \(shard) took \(taken.count) of \(files.count) files found: ")
  }
}
