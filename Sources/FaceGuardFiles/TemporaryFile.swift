import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A new file under a unique hidden name in a given folder, removed again unless it is committed
/// to its final name: the POSIX calls behind atomic output, kept in this one place.
///
/// While it exists, the file holds an exclusive `flock` lock, which the system drops when the
/// process ends however it ends. A temporary file nobody holds locked was left by a run that was
/// killed, and ``removeAbandoned(in:)`` removes it.
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

  /// The start of every temporary file's name.
  static let prefix = ".faceguard-"

  /// Creates an empty file named `.faceguard-XXXXXX` in `folder`, readable by everyone and
  /// writable by its owner, and locks it.
  init(in folder: String) throws(SystemError) {
    var template = Array((folder + "/" + Self.prefix + "XXXXXX").utf8CString)
    descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw SystemError(code: errno) }
    path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    Self.live.withLock { _ = $0.insert(path) }
    guard flock(descriptor, LOCK_EX) == 0 else { throw SystemError(code: errno) }
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

  /// Removes the temporary files in `folder` that no running process holds, the remains of runs
  /// killed before they could clean up, and returns how many it removed.
  ///
  /// A file another process is still writing stays: its lock cannot be taken.
  @discardableResult
  static func removeAbandoned(in folder: String) -> Int {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
    var removed = 0
    for name in names where name.hasPrefix(prefix) {
      let path = folder + "/" + name
      let file = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
      guard file >= 0 else { continue }
      defer { close(file) }
      var status = stat()
      guard fstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
        flock(file, LOCK_EX | LOCK_NB) == 0
      else { continue }
      if unlink(path) == 0 { removed += 1 }
    }
    return removed
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

  /// Flushes the file to the disk, renames it to `target`, replacing any file there, and closes
  /// it (closing cannot lose data any more once it is flushed). The lock is held until the file has its final name, so no other run takes it for
  /// abandoned, and the data is on the disk before the name is, so a crash of the machine leaves
  /// the old file or the new one, never a part.
  func commit(to target: String) throws(SystemError) {
    guard fsync(descriptor) == 0 else { throw SystemError(code: errno) }
    try Self.live.withLock { _ throws(SystemError) in
      guard rename(path, target) == 0 else { throw SystemError(code: errno) }
    }
    committed = true
    close(descriptor)
    descriptor = -1
  }
}
