import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The audit log file, open for appending: each ``append(_:)`` adds one whole line with a single
/// `write(2)` on a descriptor opened with `O_APPEND`, then `fsync(2)`s it, so several threads and
/// several processes (the pods of a sharded batch, a server and a batch) can share one file: on a
/// local file system each line lands whole, never interleaved with another, and is on the disk
/// before the output it describes is renamed into place. (On NFS, appends from several machines
/// are not atomic; give each machine its own file.)
public final class AuditLog: Sendable {
  /// The file's path.
  public let path: String
  private let descriptor: Int32

  /// Opens `path` for appending, creating it (mode 0640) when missing.
  ///
  /// - Throws: ``AuditLogError`` when it cannot be opened or is not a regular file.
  public init(path: String) throws(AuditLogError) {
    self.path = path
    descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
    guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: Self.reason(errno)) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw .cannotOpen(path: path, reason: "not a regular file")
    }
  }

  deinit {
    close(descriptor)
  }

  /// Appends `record` as one line and flushes it to the disk.
  ///
  /// - Throws: ``AuditLogError/writeFailed(path:reason:)`` when the line could not be written
  ///   whole (a disk that filled up may leave part of it, which `faceguard verify` reports by
  ///   its line number).
  public func append(_ record: AuditRecord) throws(AuditLogError) {
    let line: [UInt8]
    do {
      line = try record.line()
    } catch {
      throw .writeFailed(path: path, reason: "the record could not be encoded (\(error))")
    }
    var written = -1
    repeat {
      written = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    } while written < 0 && errno == EINTR
    guard written == line.count else {
      let reason = written < 0 ? Self.reason(errno) : "only \(written) of \(line.count) bytes"
      throw .writeFailed(path: path, reason: reason)
    }
    guard fsync(descriptor) == 0 else {
      throw .writeFailed(path: path, reason: Self.reason(errno))
    }
  }

  /// The C library's words for `code`.
  private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Why the audit log could not be used.
public enum AuditLogError: Error, Equatable, CustomStringConvertible {
  /// The file could not be opened for appending.
  case cannotOpen(path: String, reason: String)
  /// A line could not be written whole.
  case writeFailed(path: String, reason: String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      "\(path): the audit log cannot be opened for appending (\(reason))"
    case .writeFailed(let path, let reason):
      "\(path): a line could not be appended to the audit log (\(reason))"
    }
  }
}
