import Foundation

/// An audit log read back, every line checked: the records with their line numbers.
public struct AuditFile: Sendable {
  /// One line's record.
  public struct Entry: Sendable, Equatable {
    /// The line number, from 1.
    public var line: Int
    /// The record.
    public var record: AuditRecord
  }

  /// The file's path.
  public let path: String
  /// Every record, in file order.
  public let entries: [Entry]

  /// Reads the audit log at `path`. Empty lines are skipped.
  ///
  /// - Throws: ``AuditFileError`` when the file cannot be read or a line is not an audit record.
  public init(path: String) throws(AuditFileError) {
    let bytes: [UInt8]
    do {
      bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw .unreadable(path: path)
    }
    try self.init(bytes: bytes, path: path)
  }

  /// Reads the audit log `bytes`, read from `path`.
  ///
  /// - Throws: ``AuditFileError/corruptLine(path:line:reason:)`` for the first line that is not
  ///   an audit record.
  public init(bytes: [UInt8], path: String) throws(AuditFileError) {
    self.path = path
    let decoder = JSONDecoder()
    var entries: [Entry] = []
    for (index, line) in bytes.split(
      separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false
    )
    .enumerated() where !line.isEmpty {
      do {
        entries.append(
          Entry(line: index + 1, record: try decoder.decode(AuditRecord.self, from: Data(line))))
      } catch {
        throw .corruptLine(path: path, line: index + 1, reason: Self.reason(error))
      }
    }
    self.entries = entries
  }

  /// The last line that wrote an output at `path`: a later run that wrote the same path replaced
  /// the earlier output. Paths are compared with symbolic links resolved.
  public func latestEntry(forOutput path: String) -> Entry? {
    let wanted = Self.resolved(path)
    return entries.last { entry in
      entry.record.status == .ok && entry.record.output.map(Self.resolved) == wanted
    }
  }

  /// The last line whose output has the SHA-256 `sha256` (outputs of API requests have no path).
  public func latestEntry(forOutputSHA256 sha256: String) -> Entry? {
    entries.last { $0.record.status == .ok && $0.record.outputSHA256 == sha256 }
  }

  /// `path` made absolute, with `.` and `..` and symbolic links resolved.
  static func resolved(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// What is wrong with a line, in words.
  private static func reason(_ error: any Error) -> String {
    func field(_ context: DecodingError.Context) -> String {
      "\"" + context.codingPath.map(\.stringValue).joined(separator: ".") + "\""
    }
    switch error as? DecodingError {
    case .keyNotFound(let key, _)?: return "it has no \"\(key.stringValue)\""
    case .typeMismatch(_, let context)? where !context.codingPath.isEmpty,
      .valueNotFound(_, let context)? where !context.codingPath.isEmpty:
      return "\(field(context)) has the wrong type"
    case .dataCorrupted(let context)? where !context.codingPath.isEmpty:
      return "\(field(context)) has a value it cannot have"
    default: return "it is not a JSON object (cut off or edited?)"
    }
  }
}

/// Why an audit log could not be read.
public enum AuditFileError: Error, Equatable, CustomStringConvertible {
  /// The file cannot be read.
  case unreadable(path: String)
  /// A line is not an audit record.
  case corruptLine(path: String, line: Int, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let path): "\(path): the audit log cannot be read"
    case .corruptLine(let path, let line, let reason):
      "\(path): line \(line) is not a FaceGuard audit record: \(reason)"
    }
  }
}
