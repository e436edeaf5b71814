import Foundation

/// Finds the model files that `scripts/setup.sh` fetched. Nothing is ever downloaded at run time.
public struct ModelStore: Sendable {
  /// The folder holding the model files.
  public let directory: URL

  /// The environment variable that names the models folder.
  public static let environmentVariable = "FACEGUARD_MODELS"

  /// Creates a store reading from `directory`.
  public init(directory: URL) {
    self.directory = directory
  }

  /// The store the environment points at: `$FACEGUARD_MODELS`, else the `models` folder of the
  /// checkout the executable was built in, else `./models`.
  public static func standard() -> ModelStore {
    let environment = ProcessInfo.processInfo.environment
    if let path = environment[environmentVariable], !path.isEmpty {
      return ModelStore(directory: URL(fileURLWithPath: path, isDirectory: true))
    }
    var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<6 {
      let candidate = folder.appendingPathComponent("models", isDirectory: true)
      if FileManager.default.fileExists(
        atPath: candidate.appendingPathComponent("centerface.onnx").path)
      {
        return ModelStore(directory: candidate)
      }
      folder.deleteLastPathComponent()
    }
    return ModelStore(directory: URL(fileURLWithPath: "models", isDirectory: true))
  }

  /// The path of a model file, checked to exist.
  ///
  /// - Throws: ``ModelStoreError/missing(name:directory:)`` naming the setup command.
  public func url(for name: String) throws -> URL {
    let url = directory.appendingPathComponent(name)
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw ModelStoreError.missing(name: name, directory: directory.path)
    }
    return url
  }
}

/// Why a model file could not be found.
public enum ModelStoreError: Error, Equatable, CustomStringConvertible {
  /// The file is not in the models folder.
  case missing(name: String, directory: String)

  public var description: String {
    switch self {
    case .missing(let name, let directory):
      return
        "model file \(name) not found in \(directory); run scripts/setup.sh to fetch it "
        + "(or set \(ModelStore.environmentVariable) to the folder that holds it)"
    }
  }
}
