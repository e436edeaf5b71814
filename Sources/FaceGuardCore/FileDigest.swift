import Foundation

/// What identifies a file's content: its SHA-256 and its size, as the audit log records them for
/// inputs, outputs and model files.
public struct FileDigest: Sendable, Equatable, Codable {
  /// The SHA-256 as 64 lower-case hex digits.
  public var sha256: String
  /// The size in bytes.
  public var bytes: Int

  /// Creates a digest from its parts.
  public init(sha256: String, bytes: Int) {
    self.sha256 = sha256
    self.bytes = bytes
  }

  /// The digest of `bytes` held in memory.
  public init(of bytes: [UInt8]) {
    self.init(sha256: SHA256.hex(of: bytes), bytes: bytes.count)
  }

  /// The digest of the file at `path`, read in pieces so a long video is never held whole.
  ///
  /// - Throws: ``FileDigestError`` when the file cannot be opened or read.
  public init(contentsOfFile path: String) throws(FileDigestError) {
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path)
    }
    defer { try? handle.close() }
    var hash = SHA256()
    var count = 0
    while true {
      let piece: Data?
      do {
        piece = try handle.read(upToCount: 1 << 20)
      } catch {
        throw .unreadable(path: path)
      }
      guard let piece, !piece.isEmpty else { break }
      piece.withUnsafeBytes { hash.update($0.bindMemory(to: UInt8.self)) }
      count += piece.count
    }
    self.init(sha256: hash.finish().hex, bytes: count)
  }
}

/// Why a file's digest could not be computed.
public enum FileDigestError: Error, Equatable, CustomStringConvertible {
  /// The file does not exist, is not a regular file, or cannot be read.
  case unreadable(path: String)

  public var description: String {
    switch self {
    case .unreadable(let path): "\(path): cannot be read to compute its SHA-256"
    }
  }
}
