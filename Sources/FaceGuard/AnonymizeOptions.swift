import FaceDetection
import FaceRedaction
import ImageCodecs
import Watermarking

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
  /// The mark stamped on every output after the faces are hidden; `nil` for none.
  public var watermark: Watermark?

  /// Quality used when the input gives no hint.
  public static let defaultQuality = 92
  /// The lowest quality chosen automatically, so re-encoding never makes a photo much worse.
  public static let minimumMatchedQuality = 80

  /// Creates options; the defaults hide faces with a blurred ellipse and keep only the ICC profile.
  public init(
    threshold: Double = CenterFace.defaultThreshold,
    redaction: RedactionOptions? = RedactionOptions(),
    metadataPolicy: MetadataPolicy = .stripAll, outputFormat: ImageFormat? = nil,
    quality: Int? = nil, limits: DecodeLimits = DecodeLimits(), watermark: Watermark? = nil
  ) {
    self.threshold = threshold
    self.redaction = redaction
    self.metadataPolicy = metadataPolicy
    self.outputFormat = outputFormat
    self.quality = quality
    self.limits = limits
    self.watermark = watermark
  }
}
