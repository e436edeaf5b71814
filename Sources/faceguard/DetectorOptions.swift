import ArgumentParser
import FaceDetection
import FaceGuard

/// Options of every command that finds faces.
struct DetectorOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Setting.model))
  var model = DetectorSettings().model

  @Option(help: ArgumentHelp(Setting.preset))
  var preset = DetectorSettings().preset

  @Option(name: .customLong(Setting.minimumFace.rawValue), help: ArgumentHelp(Setting.minimumFace))
  var minimumFace: Double?

  @Option(help: ArgumentHelp(Setting.threshold))
  var threshold: Double?

  @Option(help: ArgumentHelp(Setting.threads))
  var threads: Int?

  @Option(name: .customLong(Setting.maxPixels.rawValue), help: ArgumentHelp(Setting.maxPixels))
  var maxPixels = DetectorSettings().maxPixels

  func validate() throws {
    try validateSettings {
      try settings.validate()
      if let threshold { _ = try Setting.threshold.checked(threshold) }
    }
  }

  /// The detector settings the options give.
  var settings: DetectorSettings {
    var settings = DetectorSettings()
    settings.model = model
    settings.preset = preset
    settings.minimumFace = minimumFace
    settings.threads = threads
    settings.maxPixels = maxPixels
    return settings
  }

  /// The threshold in force: the one given, else the model's default.
  var effectiveThreshold: Double { threshold ?? model.defaultThreshold }

  /// The pipeline that processes each photo with `photo`'s settings and these options' detector
  /// and threshold.
  func makePipeline(_ photo: PhotoSettings) throws -> PhotoPipeline {
    var photo = photo
    photo.threshold = threshold
    return PhotoPipeline(
      detector: try settings.makeDetector(),
      options: photo.anonymizeOptions(
        defaultThreshold: model.defaultThreshold, limits: settings.limits))
  }
}
