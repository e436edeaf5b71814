import ArgumentParser
import FaceDetection
import FaceGuard

/// Options of every command that finds faces.
struct DetectorOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Setting.model))
  var model: String?

  @Option(help: ArgumentHelp(Setting.preset))
  var preset = DetectorSettings().preset

  @Option(name: .customLong(Setting.minimumFace.rawValue), help: ArgumentHelp(Setting.minimumFace))
  var minimumFace: Double?

  @Option(
    name: .customLong(Setting.wholeImageSide.rawValue), help: ArgumentHelp(Setting.wholeImageSide))
  var wholeImageSide = DetectorSettings().wholeImageSide

  @Option(help: ArgumentHelp(Setting.threshold))
  var threshold: Double?

  @Option(help: ArgumentHelp(Setting.threads))
  var threads: Int?

  @Option(help: ArgumentHelp(Setting.precision))
  var precision = DetectorSettings().precision

  @Option(name: .customLong(Setting.maxPixels.rawValue), help: ArgumentHelp(Setting.maxPixels))
  var maxPixels = DetectorSettings().maxPixels

  func validate() throws {
    try validateSettings {
      try settings.validate()
      if let model { _ = try DetectorSettings.modelChoice(model) }
      if let threshold { _ = try Setting.threshold.checked(threshold) }
    }
  }

  /// The detector settings the options give.
  var settings: DetectorSettings {
    var settings = DetectorSettings()
    settings.model = model.flatMap { try? DetectorSettings.modelChoice($0) }
    settings.preset = preset
    settings.minimumFace = minimumFace
    settings.wholeImageSide = wholeImageSide
    settings.threads = threads
    settings.precision = precision
    settings.maxPixels = maxPixels
    return settings
  }

  /// The threshold in force: the one given, else the models' default.
  var effectiveThreshold: Double { threshold ?? settings.defaultThreshold }

  /// The threshold in force for `photo`: its own, else the detector options', else the model's
  /// default.
  func photoSettings(_ photo: PhotoSettings) -> PhotoSettings {
    var photo = photo
    photo.threshold = photo.threshold ?? threshold
    return photo
  }

  /// The pipeline that processes each photo with `photo`'s settings, this detector and these
  /// options' threshold.
  func makePipeline(_ photo: PhotoSettings, detector: any FaceDetector) -> PhotoPipeline {
    PhotoPipeline(
      detector: detector,
      options: photoSettings(photo).anonymizeOptions(
        defaultThreshold: settings.defaultThreshold, limits: settings.limits))
  }

  /// The pipeline that processes each photo with `photo`'s settings and these options.
  func makePipeline(_ photo: PhotoSettings) throws -> PhotoPipeline {
    makePipeline(photo, detector: try settings.makeDetector())
  }
}
