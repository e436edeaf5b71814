import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A new file under a unique hidden name in a given folder, removed again unless it is committed
/// to its final name: the POSIX calls behind atomic output, kept in this one place.
final class TemporaryFile {
  /// A failed system call, with the C library's reason.
  struct SystemError: Error {
    /// The `errno` value.
    let code: Int32
    /// The C library's description of `code`.
    var reason: String { String(cString: strerror(code)) }
  }

  /// Where the file is.
  let path: String
  /// A path that names this open file itself rather than its place in the folder, for writers
  /// that open files by path (FFmpeg's muxers): opening it reaches the same file even after an
  /// interruption removed it from the folder, where opening `path` would create it again.
  var openFilePath: String { "/proc/self/fd/\(descriptor)" }
  private var descriptor: Int32
  private var committed = false
  /// The paths of every temporary file not yet committed or removed, so an interrupted run can
  /// remove them.
  private static let live = Mutex(Set<String>())

  /// Creates an empty file named `.faceguard-XXXXXX` in `folder`, readable by everyone and
  /// writable by its owner.
  init(in folder: String) throws(SystemError) {
    var template = Array((folder + "/.faceguard-XXXXXX").utf8CString)
    descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw SystemError(code: errno) }
    path = String(cString: template)
    Self.live.withLock { _ = $0.insert(path) }
    guard fchmod(descriptor, 0o644) == 0 else { throw SystemError(code: errno) }
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
    if !committed { unlink(path) }
    Self.live.withLock { _ = $0.remove(path) }
  }

  /// Removes every temporary file not yet committed: what an interrupted run must leave behind
  /// is nothing.
  static func removeUnfinished() {
    Self.live.withLock { paths in
      for path in paths { unlink(path) }
      paths.removeAll()
    }
  }

  /// Appends all of `bytes`.
  func write(_ bytes: [UInt8]) throws(SystemError) {
    var written = 0
    let failure: Int32? = bytes.withUnsafeBytes { buffer in
      while written < buffer.count {
        let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
        if result < 0 {
          if errno == EINTR { continue }
          return errno
        }
        written += result
      }
      return nil
    }
    if let failure { throw SystemError(code: failure) }
  }

  /// Closes the file and renames it to `target`, replacing any file there.
  func commit(to target: String) throws(SystemError) {
    let closed = close(descriptor)
    descriptor = -1
    guard closed == 0 else { throw SystemError(code: errno) }
    try Self.live.withLock { _ throws(SystemError) in
      guard rename(path, target) == 0 else { throw SystemError(code: errno) }
    }
    committed = true
  }
}
