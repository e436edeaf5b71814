import FaceGuardCore
import ImageCodecs

/// A decoded photo turned upright, with what the encoder needs to write it back faithfully.
public struct UprightPhoto: Sendable {
  /// The pixels as a viewer shows them (EXIF orientation applied).
  public var image: Image
  /// The metadata the file carried (before any policy is applied).
  public var metadata: ImageMetadata
  /// The format of the input.
  public var format: ImageFormat
  /// Bits per sample of the input (8 or 16 for PNG).
  public var sourceBitDepth: Int
  /// Whether a WebP input was lossless (so the output stays lossless).
  public var wasLossless: Bool
  /// The quality an output should use when the user gives none: the input JPEG's estimated
  /// quality, at least ``AnonymizeOptions/minimumMatchedQuality``; otherwise
  /// ``AnonymizeOptions/defaultQuality``.
  public var matchedQuality: Int

  /// Decodes `bytes` and applies the EXIF orientation (HEIC files come upright from the decoder,
  /// which applies the container's own rotation and mirroring).
  public init(decoding bytes: [UInt8], limits: DecodeLimits) throws {
    let decoded = try ImageDecoder.decode(bytes, limits: limits)
    let orientation = decoded.isDisplayOriented ? Orientation.up : decoded.metadata.orientation
    image = orientation.apply(to: decoded.image)
    metadata = decoded.metadata
    format = decoded.format
    sourceBitDepth = decoded.sourceBitDepth
    wasLossless = decoded.isLosslessWebP
    matchedQuality =
      decoded.estimatedJPEGQuality.map { max($0, AnonymizeOptions.minimumMatchedQuality) }
      ?? AnonymizeOptions.defaultQuality
  }
}

extension ImageFormat {
  /// The format an anonymized copy is written in when the user does not choose: the same as the
  /// input, except HEIC (which FaceGuard reads but does not write), which becomes JPEG.
  public var defaultOutputFormat: ImageFormat { self == .heic ? .jpeg : self }
}
