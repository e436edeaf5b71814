import Foundation

/// Locates the model files the TFLite reader tests load.
enum TFLiteTestModels {
  /// The folder holding the models: `$FACEGUARD_MODELS`, else `<package root>/models`.
  static var directory: URL {
    if let path = ProcessInfo.processInfo.environment["FACEGUARD_MODELS"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("models")
  }

  /// The bytes of model file `name`; a missing file fails the calling test.
  static func bytes(_ name: String) throws -> [UInt8] {
    let url = directory.appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw MissingModel(path: url.path)
    }
    return [UInt8](data)
  }

  /// A model file that is not where the tests look for it.
  struct MissingModel: Error, CustomStringConvertible {
    /// Where the file was expected.
    let path: String
    var description: String { "model file missing at \(path); set FACEGUARD_MODELS" }
  }
}
