import Foundation

/// A fresh folder for one test.
public struct TemporaryFolder {
  /// The folder.
  public let url: URL

  /// Runs `body` with a new empty folder under the system temporary folder and deletes the folder
  /// afterwards, whatever happens.
  public static func use(_ body: (TemporaryFolder) throws -> Void) throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("faceguard-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    try body(TemporaryFolder(url: url))
  }

  /// Runs the asynchronous `body` with a new empty folder, as ``use(_:)`` does.
  public static func useAsync(_ body: (TemporaryFolder) async throws -> Void) async throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("faceguard-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    try await body(TemporaryFolder(url: url))
  }

  /// The path of `relative` inside the folder.
  public func path(_ relative: String) -> URL {
    url.appendingPathComponent(relative)
  }

  /// Writes `bytes` to `relative`, creating folders.
  @discardableResult
  public func write(_ bytes: [UInt8], to relative: String) throws -> URL {
    let target = path(relative)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: target)
    return target
  }

  /// The bytes of `relative`.
  public func read(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: path(relative)))
  }

  /// Every file below the folder (hidden ones too), as paths relative to it, sorted.
  public func allFiles(below relative: String = "") throws -> [String] {
    let base = relative.isEmpty ? url : path(relative)
    guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
    var files: [String] = []
    while let next = enumerator.nextObject() as? String {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(
        atPath: base.appendingPathComponent(next).path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        files.append(next)
      }
    }
    return files.sorted()
  }
}
