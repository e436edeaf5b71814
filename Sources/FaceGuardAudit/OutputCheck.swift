import FaceGuardCore

/// The check `faceguard verify` makes of one output file against an audit log: that its SHA-256
/// is the one recorded when it was written (and, when asked, that its input is still the file
/// that was anonymized).
public struct OutputCheck: Sendable, Equatable {
  /// What the output's check found.
  public enum Verdict: Sendable, Equatable {
    /// The file is what the audit recorded on `line`; `byHash` when it was found by its hash
    /// (an API answer, recorded without a path) rather than by its path.
    case ok(line: Int, byHash: Bool)
    /// The file has another hash than the one recorded on `line`: it changed after it was written.
    case mismatch(line: Int, recorded: String, actual: String)
    /// No line names the file's path or its hash.
    case notInAudit
    /// The file cannot be read.
    case missing
  }

  /// What the input's check found.
  public enum InputVerdict: Sendable, Equatable {
    /// The input at the recorded path has the recorded hash.
    case ok
    /// The input at `path` has another hash than the recorded one.
    case changed(path: String)
    /// Nothing readable is at the recorded input path.
    case missing(path: String)
    /// The line records no input path and hash (an API request).
    case notRecorded
  }

  /// The output as the person named it.
  public var path: String
  /// The output's verdict.
  public var verdict: Verdict
  /// The input's verdict, when inputs are checked and the output was found.
  public var input: InputVerdict?

  /// Checks the output at `path` against `audit`, and its input when `checkingInput`.
  public init(path: String, against audit: AuditFile, checkingInput: Bool) {
    self.path = path
    guard let digest = try? FileDigest(contentsOfFile: path) else {
      verdict = .missing
      return
    }
    let entry: AuditFile.Entry
    if let named = audit.latestEntry(forOutput: path) {
      entry = named
      let recorded = named.record.outputSHA256 ?? ""
      verdict =
        recorded == digest.sha256
        ? .ok(line: named.line, byHash: false)
        : .mismatch(line: named.line, recorded: recorded, actual: digest.sha256)
    } else if let hashed = audit.latestEntry(forOutputSHA256: digest.sha256) {
      entry = hashed
      verdict = .ok(line: hashed.line, byHash: true)
    } else {
      verdict = .notInAudit
      return
    }
    if checkingInput { input = Self.checkInput(of: entry.record) }
  }

  /// Whether the output (and, when checked, its input) passed.
  public var passed: Bool {
    guard case .ok = verdict else { return false }
    return input == nil || input == .ok
  }

  /// The input's verdict for `record`.
  private static func checkInput(of record: AuditRecord) -> InputVerdict {
    guard let path = record.input, let recorded = record.inputSHA256 else { return .notRecorded }
    guard let digest = try? FileDigest(contentsOfFile: path) else { return .missing(path: path) }
    return digest.sha256 == recorded ? .ok : .changed(path: path)
  }
}
