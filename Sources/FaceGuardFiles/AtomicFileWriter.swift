import Foundation

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
  /// - Parameters:
  ///   - protecting: files that must never be replaced (the inputs).
  ///   - beforeCommit: called once the bytes are written, before the file takes its name (to
  ///     record it in the audit log first); when it throws, nothing is left at `url` and its
  ///     error is thrown.
  public static func write(
    _ bytes: [UInt8], to url: URL, protecting inputs: [URL] = [],
    beforeCommit: () throws -> Void = {}
  ) throws {
    try write(
      to: url, protecting: inputs,
      filling: { file in
        try file.write(bytes)
        try beforeCommit()
      })
  }

  /// Has `produce` write the file at the path it is given (naming the open temporary file beside
  /// `url`, so an interruption that removes it leaves nothing a late open could recreate), then
  /// moves it to `url`; when `produce` throws, the temporary file is removed and `url` is left as
  /// it was. For writers that open files by path themselves, such as FFmpeg's muxers.
  ///
  /// - Parameter protecting: files that must never be replaced (the inputs).
  /// - Returns: what `produce` returned.
  public static func write<Value>(
    to url: URL, protecting inputs: [URL] = [], _ produce: (String) throws -> Value
  ) throws -> Value {
    try write(to: url, protecting: inputs, filling: { file in try produce(file.openFilePath) })
  }

  /// Runs `fill` on a temporary file beside `url` and moves it into place.
  private static func write<Value>(
    to url: URL, protecting inputs: [URL], filling fill: (TemporaryFile) throws -> Value
  ) throws -> Value {
    let target = url.standardizedFileURL.resolvingSymlinksInPath().path
    if inputs.contains(where: { $0.standardizedFileURL.resolvingSymlinksInPath().path == target }) {
      throw OutputError.wouldOverwriteInput(url.path)
    }
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw OutputError.folderNotWritable(path: folder.path, reason: systemReason(of: error))
    }
    let file: TemporaryFile
    do {
      file = try TemporaryFile(in: folder.path)
    } catch {
      throw OutputError.folderNotWritable(path: folder.path, reason: error.reason)
    }
    let value: Value
    do {
      value = try fill(file)
    } catch let error as TemporaryFile.SystemError {
      throw OutputError.writeFailed(path: url.path, reason: error.reason)
    }
    do {
      try file.commit(to: url.path)
    } catch {
      throw OutputError.writeFailed(path: url.path, reason: error.reason)
    }
    return value
  }

  /// The system's own words for why a Foundation file operation failed ("Not a directory").
  private static func systemReason(of error: any Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    return (underlying ?? error as NSError).localizedDescription
  }
}
