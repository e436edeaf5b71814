import Foundation

/// What to do with each photo.
public struct AnonymizeOptions: Sendable {
  /// Minimum detector confidence for a face to be hidden.
  public var threshold: Double
  /// How faces are hidden; `nil` hides nothing and writes no image (report only).
  public var redaction: RedactionOptions?
  /// Which metadata survives into the output.
  public var metadataPolicy: MetadataPolicy
  /// The output format; `nil` keeps the input's (HEIC input is written as JPEG).
  public var outputFormat: ImageFormat?
  /// JPEG and lossy WebP quality; `nil` matches a JPEG input's estimated quality (at least
  /// ``minimumMatchedQuality``) and uses ``defaultQuality`` otherwise.
  public var quality: Int?
  /// Limits that protect against decompression bombs.
  public var limits: DecodeLimits

  /// Quality used when the input gives no hint.
  public static let defaultQuality = 92
  /// The lowest quality chosen automatically, so re-encoding never makes a photo much worse.
  public static let minimumMatchedQuality = 80

  /// Creates options; the defaults hide faces with a blurred ellipse and keep only the ICC profile.
  public init(
    threshold: Double = CenterFace.defaultThreshold,
    redaction: RedactionOptions? = RedactionOptions(),
    metadataPolicy: MetadataPolicy = .stripAll, outputFormat: ImageFormat? = nil,
    quality: Int? = nil, limits: DecodeLimits = DecodeLimits()
  ) {
    self.threshold = threshold
    self.redaction = redaction
    self.metadataPolicy = metadataPolicy
    self.outputFormat = outputFormat
    self.quality = quality
    self.limits = limits
  }
}

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
}

/// Decodes a photo, turns it upright, finds and hides the faces, and encodes the result with
/// sanitized metadata. Works in memory only.
public struct PhotoPipeline: Sendable {
  /// The detector used for every photo.
  public let detector: any FaceDetector
  /// What to do with each photo.
  public let options: AnonymizeOptions

  /// Creates a pipeline.
  public init(detector: any FaceDetector, options: AnonymizeOptions) {
    self.detector = detector
    self.options = options
  }

  /// Processes one encoded photo.
  public func process(_ bytes: [UInt8]) throws -> PhotoResult {
    try process(bytes, regions: nil)
  }

  /// Processes one encoded photo, hiding exactly `regions` (in pixels of the upright image)
  /// instead of running the detector; the result's faces are those regions, each with score 1.
  ///
  /// Used when a person has reviewed the detections (added missed faces, removed false alarms).
  /// `options.threshold` is ignored; `options.redaction` `nil` hides nothing and writes no image.
  public func process(_ bytes: [UInt8], hiding regions: [Rect]) throws -> PhotoResult {
    try process(bytes, regions: regions)
  }

  /// Decodes, finds the faces (or takes `regions` as given), hides them and encodes.
  private func process(_ bytes: [UInt8], regions: [Rect]?) throws -> PhotoResult {
    var timings = StageTimings()
    var clock = ContinuousClock.now
    func lap() -> Double {
      let now = ContinuousClock.now
      defer { clock = now }
      return Self.milliseconds(now - clock)
    }
    let photo = try UprightPhoto(decoding: bytes, limits: options.limits)
    var image = photo.image
    timings.decode = lap()
    let faces: [Face]
    if let regions {
      faces = regions.map { Face(box: $0, score: 1) }
    } else {
      faces = try detector.detect(in: image, threshold: options.threshold)
      timings.detect = lap()
    }
    let format = options.outputFormat ?? photo.format.defaultOutputFormat
    guard let redaction = options.redaction else {
      return PhotoResult(
        faces: faces, width: image.width, height: image.height, output: nil,
        outputFormat: format, timings: timings)
    }
    Redactor(options: redaction).redact(&image, regions: faces.map(\.box))
    timings.redact = lap()
    let encodeOptions = EncodeOptions(
      quality: options.quality ?? photo.matchedQuality,
      lossless: format == .webp && photo.format == .webp && photo.wasLossless,
      bitDepth: format == .png ? photo.sourceBitDepth : 8,
      metadata: options.metadataPolicy.sanitize(photo.metadata))
    let output = try ImageEncoder.encode(image, as: format, options: encodeOptions)
    timings.encode = lap()
    return PhotoResult(
      faces: faces, width: image.width, height: image.height, output: output,
      outputFormat: format, timings: timings)
  }

  /// A duration in milliseconds.
  public static func milliseconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
  }
}
