import FaceDetection
import ImageCodecs

/// What a person chooses about how faces are searched for, with FaceGuard's defaults; fixed for
/// a whole run of the command or the server.
public struct DetectorSettings: Sendable, Equatable {
  /// The face detection model.
  public var model: FaceModel = .centerface
  /// How hard to look.
  public var preset: DetectionPreset = .balanced
  /// The smallest face height to cover; `nil` leaves it to the preset.
  public var minimumFace: Double?
  /// The long side the whole-image pass is shrunk to.
  public var wholeImageSide = DetectionPreset.wholeImageSide
  /// Inference threads; `nil` uses every core.
  public var threads: Int?
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

  /// The decoders' limits.
  public var limits: DecodeLimits { DecodeLimits(maxPixels: maxPixels) }

  /// Loads the model and prepares it to follow the preset's plan.
  public func makeDetector(store: ModelStore = .standard()) throws -> MultiPassDetector {
    try model.makeMultiPassDetector(
      preset: preset, minimumFace: minimumFace, wholeImageSide: wholeImageSide, store: store,
      threads: threads)
  }
}
