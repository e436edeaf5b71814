import FaceGuardCore
import ImageCodecs

/// Milliseconds spent in each stage of one photo.
public struct StageTimings: Sendable, Equatable, Codable {
  /// Reading the file, decoding and turning it upright.
  public var decode: Double = 0
  /// Finding faces.
  public var detect: Double = 0
  /// Hiding faces.
  public var redact: Double = 0
  /// Encoding the output.
  public var encode: Double = 0

  /// Creates zero timings.
  public init() {}

  /// The sum of the stages.
  public var total: Double { decode + detect + redact + encode }
}

/// The outcome of one photo.
public struct PhotoResult: Sendable {
  /// Faces found, in pixels of the upright image.
  public var faces: [Face]
  /// Upright width.
  public var width: Int
  /// Upright height.
  public var height: Int
  /// The encoded anonymized image, `nil` in report-only mode.
  public var output: [UInt8]?
  /// The format of `output`.
  public var outputFormat: ImageFormat
  /// Where the time went.
  public var timings: StageTimings
  /// What of the input's metadata `output` does not carry, by name only (`GPS`, `EXIF
  /// thumbnail`); empty in report-only mode.
  public var removedMetadata: [String]

  /// Creates an outcome.
  public init(
    faces: [Face], width: Int, height: Int, output: [UInt8]?, outputFormat: ImageFormat,
    timings: StageTimings, removedMetadata: [String] = []
  ) {
    self.faces = faces
    self.width = width
    self.height = height
    self.output = output
    self.outputFormat = outputFormat
    self.timings = timings
    self.removedMetadata = removedMetadata
  }
}
