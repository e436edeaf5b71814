import ArgumentParser
import FaceGuard

/// Options of every command that works through a batch of files.
struct BatchOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Setting.jobs))
  var jobs = 1

  func validate() throws {
    try validateSettings { _ = try Setting.jobs.checked(jobs) }
  }
}
