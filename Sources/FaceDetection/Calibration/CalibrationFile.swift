import Foundation
import NeuralEngine

/// The int8 quantization parameters of one model, kept next to the model file in the models
/// folder as `<model>.int8.json` (`centerface.int8.json`), and what they were made from: the
/// model file's fingerprint and the calibration recipe. A file whose model or recipe differs is
/// refused as stale, so int8 never runs with scales measured on other weights.
public struct CalibrationFile: Sendable, Equatable, Codable {
  /// The model file name the parameters belong to (`centerface.onnx`).
  public var model: String
  /// ``ModelFingerprint`` of the model file.
  public var modelFingerprint: String
  /// The calibration recipe: ``CalibrationScene/recipe`` when calibration used the standard
  /// scenes.
  public var recipe: String
  /// The parameters of the model's activations.
  public var quantization: ActivationQuantization

  /// Creates the record of a calibration.
  public init(
    model: String, modelFingerprint: String, recipe: String, quantization: ActivationQuantization
  ) {
    self.model = model
    self.modelFingerprint = modelFingerprint
    self.recipe = recipe
    self.quantization = quantization
  }

  /// The calibration file name of a model file name: `centerface.onnx` → `centerface.int8.json`.
  public static func fileName(forModel modelFileName: String) -> String {
    let stem = modelFileName.split(separator: ".", omittingEmptySubsequences: false).first
    return "\(stem.map(String.init) ?? modelFileName).int8.json"
  }

  /// Reads the calibration of `modelFileName` from `store` and checks that it was made for the
  /// model file there, by `recipe`.
  ///
  /// - Throws: ``CalibrationError`` when the file is missing, unreadable, for another model, or
  ///   stale; ``ModelStoreError`` when the model file itself is missing.
  public static func load(
    forModel modelFileName: String, store: ModelStore, recipe: String = CalibrationScene.recipe
  ) throws -> CalibrationFile {
    let name = fileName(forModel: modelFileName)
    let url = store.directory.appendingPathComponent(name)
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw CalibrationError.missing(file: name, directory: store.directory.path)
    }
    let file: CalibrationFile
    do {
      file = try JSONDecoder().decode(CalibrationFile.self, from: Data(contentsOf: url))
    } catch {
      throw CalibrationError.unreadable(file: name, detail: "\(error)")
    }
    guard file.model == modelFileName else {
      throw CalibrationError.unreadable(
        file: name, detail: "it was made for \(file.model), not \(modelFileName)")
    }
    let fingerprint = try ModelFingerprint.of(contentsOf: store.url(for: modelFileName))
    guard file.modelFingerprint == fingerprint else {
      throw CalibrationError.stale(
        file: name,
        reason: "it was made for a \(modelFileName) with fingerprint \(file.modelFingerprint), "
          + "the one in the models folder has \(fingerprint)")
    }
    guard file.recipe == recipe else {
      throw CalibrationError.stale(
        file: name, reason: "it was made by recipe \(file.recipe), not \(recipe)")
    }
    return file
  }

  /// Writes the file into `store`'s folder, replacing any older one.
  ///
  /// - Returns: where it was written.
  /// - Throws: the error writing the file.
  @discardableResult
  public func write(to store: ModelStore) throws -> URL {
    let url = store.directory.appendingPathComponent(Self.fileName(forModel: model))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(self).write(to: url, options: .atomic)
    return url
  }
}
