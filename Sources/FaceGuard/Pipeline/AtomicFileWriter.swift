import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Why an output file could not be written.
public enum OutputError: Error, Equatable, CustomStringConvertible {
  /// The output path is the input itself.
  case wouldOverwriteInput(String)
  /// The folder could not be created or written to.
  case folderNotWritable(path: String, reason: String)
  /// Writing or renaming the file failed.
  case writeFailed(path: String, reason: String)

  public var description: String {
    switch self {
    case .wouldOverwriteInput(let path):
      return "\(path): refusing to overwrite the input file; choose another output folder"
    case .folderNotWritable(let path, let reason):
      return "\(path): output folder is not writable (\(reason))"
    case .writeFailed(let path, let reason):
      return "\(path): could not write output (\(reason))"
    }
  }
}

/// Writes files so that a reader sees either the old file or the complete new one, never a part:
/// the bytes go to a temporary file in the target folder, which is then renamed over the target.
/// The temporary file is removed on every failure.
public enum AtomicFileWriter {
  /// Writes `bytes` to `url`, creating missing folders.
  ///
  /// - Parameter protecting: files that must never be replaced (the inputs).
  public static func write(_ bytes: [UInt8], to url: URL, protecting inputs: [URL] = []) throws {
    let target = url.standardizedFileURL.resolvingSymlinksInPath().path
    if inputs.contains(where: { $0.standardizedFileURL.resolvingSymlinksInPath().path == target }) {
      throw OutputError.wouldOverwriteInput(url.path)
    }
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw OutputError.folderNotWritable(path: folder.path, reason: reasonText(errno))
    }
    var template = Array(folder.appendingPathComponent(".faceguard-XXXXXX").path.utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw OutputError.folderNotWritable(path: folder.path, reason: reasonText(errno))
    }
    let temporaryPath = String(cString: template)
    var succeeded = false
    defer {
      if !succeeded { unlink(temporaryPath) }
    }
    var written = 0
    let writeError: Int32? = bytes.withUnsafeBytes { buffer in
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
    let permissionsResult = fchmod(descriptor, 0o644)
    let closeResult = close(descriptor)
    if let writeError {
      throw OutputError.writeFailed(path: url.path, reason: reasonText(writeError))
    }
    guard permissionsResult == 0, closeResult == 0 else {
      throw OutputError.writeFailed(path: url.path, reason: reasonText(errno))
    }
    guard rename(temporaryPath, url.path) == 0 else {
      throw OutputError.writeFailed(path: url.path, reason: reasonText(errno))
    }
    succeeded = true
  }

  private static func reasonText(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
