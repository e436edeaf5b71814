import FaceGuardCore
import Foundation

/// One share of a batch split between several independent runs (`--shard I/N`): N runs given the
/// same paths, with I from 0 to N-1, process every file exactly once between them, and running
/// one index again redoes only its own files.
///
/// A file belongs to shard `H mod N`, where H is the first 8 bytes, read as a big-endian unsigned
/// number, of the SHA-256 of its ``key(of:)``: its path below the folder it was found under
/// (its file name when it was named directly), without the name extension, in UTF-8. The split
/// depends on nothing else (not the order of the files, the machine, or where the folder is
/// mounted), so a Kubernetes Indexed Job can give each pod `--shard $(JOB_COMPLETION_INDEX)/N`.
/// Leaving out the extension keeps the inputs that would write the same output (`a.heic` and
/// `a.jpg` both write `a.jpg` under `-o`) in the same shard, where the clash is caught.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  /// This share's index, from 0 to ``count`` - 1.
  public let index: Int
  /// The number of shares.
  public let count: Int

  /// The whole batch as one share.
  public static let whole = Shard(validIndex: 0, count: 1)

  private init(validIndex index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Share `index` of `count`.
  ///
  /// - Throws: ``ShardError`` when `count` is below 1 or `index` is not in `0..<count`.
  public init(index: Int, count: Int) throws(ShardError) {
    guard count >= 1 else { throw .noShares(given: "\(index)/\(count)") }
    guard (0..<count).contains(index) else {
      throw .indexOutOfRange(given: "\(index)/\(count)", count: count)
    }
    self.init(validIndex: index, count: count)
  }

  /// The share written `I/N`, as `--shard` takes it (`0/4`).
  ///
  /// - Throws: ``ShardError`` when the text is not two whole numbers around a slash, or they are
  ///   out of range.
  public init(parsing text: String) throws(ShardError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
      throw .malformed(given: text)
    }
    try self.init(index: index, count: count)
  }

  public var description: String { "\(index)/\(count)" }

  /// The text a file's shard is computed from: its path below the folder it was found under,
  /// without the name extension.
  public static func key(of file: InputFile) -> String {
    (file.relativePath as NSString).deletingPathExtension
  }

  /// The share `file` belongs to among `count` shares.
  public static func index(of file: InputFile, count: Int) -> Int {
    let digest = SHA256.hex(of: Array(key(of: file).utf8))
    let leading = UInt64(digest.prefix(16), radix: 16) ?? 0
    return Int(leading % UInt64(max(count, 1)))
  }

  /// Whether `file` is in this share.
  public func contains(_ file: InputFile) -> Bool {
    count == 1 || Self.index(of: file, count: count) == index
  }

  /// The files of `files` in this share, in their order.
  public func select(_ files: [InputFile]) -> [InputFile] {
    files.filter(contains)
  }
}

/// Why a `--shard` value was refused.
public enum ShardError: Error, Equatable, CustomStringConvertible {
  /// Not `I/N` with whole numbers.
  case malformed(given: String)
  /// N is below 1.
  case noShares(given: String)
  /// I is not in `0..<N`.
  case indexOutOfRange(given: String, count: Int)

  public var description: String {
    switch self {
    case .malformed(let given):
      "--shard must be I/N, two whole numbers like 0/4 (this run's index, from 0, and the number "
        + "of runs), got \(given)"
    case .noShares(let given):
      "--shard must split the batch into at least 1 share (N >= 1), got \(given)"
    case .indexOutOfRange(let given, let count):
      "--shard index must be from 0 to \(count - 1) for \(count) share\(count == 1 ? "" : "s"), "
        + "got \(given)"
    }
  }
}
