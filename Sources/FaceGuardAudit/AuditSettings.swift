import FaceDetection
import FaceGuard
import FaceGuardCore

/// What every line of a run's audit log records about how it worked: the detector, its preset,
/// precision and threshold, the style faces were hidden in, the watermark, the model files read
/// (with their SHA-256, computed once) and FaceGuard's version.
public struct AuditSettings: Sendable, Equatable {
  /// The models, joined by `+`.
  public var detector: String
  /// The preset's name.
  public var preset: String
  /// `int8` or `fp32`.
  public var precision: String
  /// The minimum face confidence in force.
  public var threshold: Double
  /// How faces are hidden.
  public var style: AuditRecord.Style
  /// The watermark stamped on outputs, if any.
  public var watermark: String?
  /// The model files the detector reads, with their hashes.
  public var models: [AuditRecord.ModelFile]
  /// FaceGuard's version.
  public var version: String

  /// The settings of a run with `detector` settings, `photo` settings and `threshold` in force,
  /// hashing the model files it reads from `store`.
  ///
  /// - Throws: ``AuditSettingsError`` when a model file cannot be read.
  public init(
    detector: DetectorSettings, photo: PhotoSettings, threshold: Double,
    store: ModelStore = .standard()
  ) throws(AuditSettingsError) {
    self.detector = detector.models.description
    preset = detector.preset.rawValue
    precision = detector.precision.rawValue
    self.threshold = threshold
    style = Self.style(photo)
    watermark = photo.mark?.text
    var models: [AuditRecord.ModelFile] = []
    for model in detector.models.models {
      for name in model.fileNames(precision: detector.precision) {
        let path = store.directory.appendingPathComponent(name).path
        do {
          models.append(.init(file: name, sha256: try FileDigest(contentsOfFile: path).sha256))
        } catch {
          throw .modelUnreadable(path: path)
        }
      }
    }
    self.models = models
    version = FaceGuardVersion.current
  }

  /// These settings with the photo settings and threshold of one API request.
  public func with(photo: PhotoSettings, threshold: Double) -> AuditSettings {
    var settings = self
    settings.style = Self.style(photo)
    settings.watermark = photo.mark?.text
    settings.threshold = threshold
    return settings
  }

  /// The style `photo` hides faces in: the mode and the settings that mode uses.
  static func style(_ photo: PhotoSettings) -> AuditRecord.Style {
    guard photo.mode != .none else { return AuditRecord.Style(mode: photo.mode.rawValue) }
    var style = AuditRecord.Style(
      mode: photo.mode.rawValue, shape: photo.shape.rawValue, strength: photo.strength,
      maskScale: photo.maskScale, feather: photo.feather, drawBoxes: photo.drawBoxes)
    if photo.mode == .solid { style.color = photo.color.hex }
    if photo.mode == .pixelate { style.blocks = photo.blocks }
    return style
  }
}

/// Why the audit log's settings could not be made.
public enum AuditSettingsError: Error, Equatable, CustomStringConvertible {
  /// A model file could not be read to hash it.
  case modelUnreadable(path: String)

  public var description: String {
    switch self {
    case .modelUnreadable(let path): "\(path): the model file cannot be read to record its SHA-256"
    }
  }
}
