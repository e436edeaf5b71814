/// How `ImageEncoder` writes a file.
public struct EncodeOptions: Sendable, Equatable {
  /// Quality 1...100 for JPEG and lossy WebP (values outside are clamped).
  public var quality: Int
  /// Writes WebP losslessly (ignored by other formats).
  public var lossless: Bool
  /// Bits per sample for PNG: 8 or 16 (ignored by other formats).
  public var bitDepth: Int
  /// The ICC profile, EXIF and XMP to embed, exactly as given.
  public var metadata: ImageMetadata

  /// Creates options; defaults are quality 90, lossy, 8-bit, no metadata.
  public init(
    quality: Int = 90, lossless: Bool = false, bitDepth: Int = 8,
    metadata: ImageMetadata = ImageMetadata()
  ) {
    self.quality = quality
    self.lossless = lossless
    self.bitDepth = bitDepth
    self.metadata = metadata
  }

  /// `quality` clamped to 1...100.
  var clampedQuality: Int { min(max(quality, 1), 100) }
}
