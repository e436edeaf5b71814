import FaceDetection
import FaceGuardCore
import FaceRedaction
import ImageCodecs
import Watermarking

/// Decodes a photo, turns it upright, finds and hides the faces, stamps the watermark if there is
/// one, and encodes the result with sanitized metadata. Works in memory only.
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

  /// The format the output of a photo whose file starts with `bytes` will have; `nil` when the
  /// bytes are no supported image.
  public func outputFormat(ofFileStartingWith bytes: [UInt8]) -> ImageFormat? {
    guard let format = ImageFormat(sniffing: bytes) else { return nil }
    return options.outputFormat ?? format.defaultOutputFormat
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
      return (now - clock).milliseconds
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
    options.watermark?.draw(on: &image)
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
      outputFormat: format, timings: timings,
      removedMetadata: options.metadataPolicy.removedItems(from: photo.metadata))
  }
}

extension PhotoPipeline {
  /// Bytes one photo's processing holds per pixel beyond the detector's fixed share: the decoded
  /// and the redacted image, the detector's scaled copies, the plans of its larger passes and the
  /// encoder's buffers. Peak resident memory of `faceguard` from 0.8 to 100 megapixels
  /// (`scripts/memory_by_size.py`) grew by at most 15.1 bytes per pixel over a 0.8-megapixel
  /// photo's (at 12 megapixels, where the passes reach their largest plans; 10.4 at 100).
  public static let workingBytesPerPixel = 16

  /// An upper estimate of the memory processing the photo file `bytes` needs, from the size its
  /// header declares (read without decoding pixels). A file whose header cannot be read, or
  /// whose size exceeds the decode limits, is counted by its own size only: decoding it fails
  /// before allocating pixels.
  public func workingMemory(ofFile bytes: [UInt8]) -> Int {
    var pixels = 0
    if let dimensions = try? ImageDecoder.dimensions(of: bytes) {
      let (product, overflow) = dimensions.width.multipliedReportingOverflow(by: dimensions.height)
      if !overflow && product <= options.limits.maxPixels { pixels = product }
    }
    let (pixelBytes, overflow) = pixels.multipliedReportingOverflow(by: Self.workingBytesPerPixel)
    return overflow ? Int.max : pixelBytes.addingReportingOverflow(2 * bytes.count).partialValue
  }
}
