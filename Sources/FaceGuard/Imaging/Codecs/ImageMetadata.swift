/// The color profile and metadata blocks carried by an image file, as raw bytes.
///
/// Decoders fill whatever the file holds; encoders embed exactly what is given (the caller
/// decides which blocks to keep).
public struct ImageMetadata: Sendable, Equatable {
  /// The ICC color profile, uncompressed.
  public var iccProfile: [UInt8]?
  /// The EXIF block in TIFF structure: it starts with `II*\0` or `MM\0*`, without the
  /// `Exif\0\0` prefix JPEG uses.
  public var exif: [UInt8]?
  /// The XMP packet (UTF-8 XML).
  public var xmp: [UInt8]?

  /// Creates metadata from its blocks; every block defaults to absent.
  public init(iccProfile: [UInt8]? = nil, exif: [UInt8]? = nil, xmp: [UInt8]? = nil) {
    self.iccProfile = iccProfile
    self.exif = exif
    self.xmp = xmp
  }

  /// True when no block is present.
  public var isEmpty: Bool { iccProfile == nil && exif == nil && xmp == nil }
}
