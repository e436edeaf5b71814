import FaceGuardCore

/// An image read from a file, with what the file said about it.
public struct DecodedImage: Sendable {
  /// The pixels as stored in the file, 8 bits per sample.
  ///
  /// EXIF orientation is not applied. HEIC is the exception: libheif applies the container's
  /// mandatory rotation and mirroring (`irot`/`imir`), see `isDisplayOriented`.
  public var image: Image
  /// ICC profile, EXIF and XMP found in the file.
  public var metadata: ImageMetadata
  /// The format the bytes were in.
  public var format: ImageFormat
  /// Bits per sample in the file (for example 16 for a 16-bit PNG, 10 for a 10-bit HEIC).
  public var sourceBitDepth: Int
  /// For JPEG, the IJG quality (1...100) whose luminance quantization table is closest to the
  /// file's; `nil` for other formats.
  public var estimatedJPEGQuality: Int?
  /// True for a WebP file coded losslessly (VP8L), so that its anonymized copy can stay lossless.
  public var isLosslessWebP: Bool
  /// True when the decoder has already turned the pixels upright (HEIC `irot`/`imir`), so an
  /// EXIF orientation tag must not be applied again.
  public var isDisplayOriented: Bool

  /// Creates a decoded image from its parts.
  public init(
    image: Image, metadata: ImageMetadata, format: ImageFormat, sourceBitDepth: Int,
    estimatedJPEGQuality: Int? = nil, isLosslessWebP: Bool = false, isDisplayOriented: Bool = false
  ) {
    self.image = image
    self.metadata = metadata
    self.format = format
    self.sourceBitDepth = sourceBitDepth
    self.estimatedJPEGQuality = estimatedJPEGQuality
    self.isLosslessWebP = isLosslessWebP
    self.isDisplayOriented = isDisplayOriented
  }
}
