import Foundation

/// Locates the model files `scripts/setup.sh` fetched, for tests.
public enum ModelFiles {
  /// The folder holding the models: `$FACEGUARD_MODELS`, else `<package root>/models`.
  public static var directory: URL {
    if let path = ProcessInfo.processInfo.environment["FACEGUARD_MODELS"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("models")
  }

  /// The path of model file `name`, checked to exist; a missing file fails the calling test.
  public static func url(_ name: String) throws -> URL {
    let url = directory.appendingPathComponent(name)
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw MissingModel(path: url.path)
    }
    return url
  }

  /// The bytes of model file `name`; a missing file fails the calling test.
  public static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url(name)))
  }

  /// A model file that is not where the tests look for it.
  public struct MissingModel: Error, CustomStringConvertible {
    /// Where the file was expected.
    public let path: String
    public var description: String {
      "model file missing at \(path); run scripts/setup.sh or set FACEGUARD_MODELS"
    }
  }
}
