import FaceDetection
import ImageCodecs

/// What a person chooses about how faces are searched for, with FaceGuard's defaults; fixed for
/// a whole run of the command or the server.
public struct DetectorSettings: Sendable, Equatable {
  /// The face detection model or models; `nil` leaves the choice to the preset
  /// (``FaceDetection/DetectionPreset/defaultModels``).
  public var model: ModelChoice?
  /// How hard to look.
  public var preset: DetectionPreset = .balanced
  /// The smallest face height to cover; `nil` leaves it to the preset.
  public var minimumFace: Double?
  /// The long side the whole-image pass is shrunk to.
  public var wholeImageSide = DetectionPreset.wholeImageSide
  /// Inference threads; `nil` uses every core.
  public var threads: Int?
  /// What the detectors compute in: int8 by default (within 0.005 of fp32's AP and protection
  /// on the WIDER dev split, and faster); it needs the calibration `faceguard calibrate` makes.
  public var precision = Precision.int8
  /// The largest accepted image, in pixels.
  public var maxPixels = DecodeLimits().maxPixels

  /// FaceGuard's defaults.
  public init() {}

  /// Checks every value against the range of its setting.
  ///
  /// - Throws: ``SettingError`` for the first value out of range.
  public func validate() throws(SettingError) {
    if let minimumFace { _ = try Setting.minimumFace.checked(minimumFace) }
    _ = try Setting.wholeImageSide.checked(wholeImageSide)
    if let threads { _ = try Setting.threads.checked(threads) }
    _ = try Setting.maxPixels.checked(maxPixels)
  }

  /// The models in force: the chosen ones, else the preset's.
  public var models: ModelChoice { model ?? preset.defaultModels }

  /// The confidence threshold used unless the user picks another.
  public var defaultThreshold: Double { models.defaultThreshold }

  /// The model choice `text` names (`centerface`, `centerface+retinaface`).
  ///
  /// - Throws: ``SettingError`` when a name is unknown, empty or repeated.
  public static func modelChoice(_ text: String) throws(SettingError) -> ModelChoice {
    guard let choice = ModelChoice(text) else {
      throw SettingError(
        .model, value: text,
        problem: "be \(Setting.model.values.expectation), or several of them joined by + "
          + "(centerface+retinaface), each once")
    }
    return choice
  }

  /// The decoders' limits.
  public var limits: DecodeLimits { DecodeLimits(maxPixels: maxPixels) }

  /// Loads the models and prepares them to follow the preset's plans.
  ///
  /// - Throws: ``FaceDetection/CalibrationError`` when int8 is asked for and a model has no
  ///   int8 version or no valid calibration file, and the errors of loading the models.
  public func makeDetector(store: ModelStore = .standard()) throws -> EnsembleDetector {
    try models.makeDetector(
      preset: preset, minimumFace: minimumFace, wholeImageSide: wholeImageSide, store: store,
      threads: threads, precision: precision)
  }
}
