import ArgumentParser
import FaceGuardAudit
import FaceGuardFiles
import Foundation
import VideoCodecs

/// `faceguard verify --audit FILE OUTPUT...`: checks outputs against the hashes their audit log
/// recorded when they were written.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check that outputs are exactly what FaceGuard wrote, against an audit log.",
    discussion: """
      Each OUTPUT (a folder is searched recursively for photos and videos, hidden files \
      skipped) is looked up in the audit log by its path, the latest line that wrote it \
      winning, or, when no line names it (an answer downloaded from faceguard serve), by its \
      SHA-256. One line per file: OK, MISMATCH (the file changed since it was written), NOT IN \
      AUDIT or MISSING. With --check-inputs, the input recorded for it must also still have its \
      recorded hash. Exits with 1 when any file is not OK, and when a line of the audit log is \
      not an audit record (the message names the line).
      """)

  @Option(help: ArgumentHelp("The audit log the outputs were recorded in.", valueName: "file"))
  var audit: String

  @Flag(help: "Also check that each output's input still has the hash recorded for it.")
  var checkInputs = false

  @Argument(help: "Outputs or folders of outputs.")
  var outputs: [String]

  func run() throws {
    let log: AuditFile
    do {
      log = try AuditFile(path: audit)
    } catch {
      Terminal.printError("faceguard: \(error)")
      throw ExitCode.failure
    }
    var failures = 0
    var checked = 0
    for path in expanded(outputs) {
      let check = OutputCheck(path: path, against: log, checkingInput: checkInputs)
      print(Self.line(check))
      checked += 1
      if !check.passed { failures += 1 }
    }
    Terminal.printError(
      "faceguard: \(checked) file\(checked == 1 ? "" : "s") checked against \(audit): "
        + "\(checked - failures) OK, \(failures) not")
    if failures > 0 || checked == 0 { throw ExitCode.failure }
  }

  /// The paths to check: files as given, the photos and videos below each folder, sorted.
  private func expanded(_ paths: [String]) -> [String] {
    let manager = FileManager.default
    let media = InputFiles.imageExtensions.union(ContainerFormat.videoExtensions)
    return paths.flatMap { path -> [String] in
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
        let names = manager.enumerator(atPath: path)
      else { return [path] }
      let prefix = path.hasSuffix("/") ? path : path + "/"
      return names.compactMap { $0 as? String }
        .filter { name in
          !name.split(separator: "/").contains { $0.hasPrefix(".") }
            && media.contains((name as NSString).pathExtension.lowercased())
        }
        .sorted().map { prefix + $0 }
    }
  }

  /// The printed line of `check`.
  private static func line(_ check: OutputCheck) -> String {
    var line: String
    switch check.verdict {
    case .ok(let number, let byHash):
      line = "OK            \(check.path) (line \(number)\(byHash ? ", found by its SHA-256" : ""))"
    case .mismatch(let number, let recorded, let actual):
      line =
        "MISMATCH      \(check.path): its SHA-256 is \(actual), line \(number) recorded \(recorded)"
    case .notInAudit: line = "NOT IN AUDIT  \(check.path)"
    case .missing: line = "MISSING       \(check.path): no readable file"
    }
    switch check.input {
    case nil: break
    case .ok?: line += "; its input is unchanged"
    case .changed(let input)?: line += "; its input \(input) CHANGED since"
    case .missing(let input)?: line += "; its input \(input) is MISSING"
    case .notRecorded?: line += "; no input was recorded for it"
    }
    return line
  }
}
