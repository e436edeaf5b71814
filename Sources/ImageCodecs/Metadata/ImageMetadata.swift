/// The metadata blocks a decoder found in an image file, kept as raw bytes.
///
/// Decoders fill this in; `MetadataPolicy.sanitize(_:)` decides what of it an encoder may write
/// back out.
public struct ImageMetadata: Sendable, Equatable {
  /// The embedded ICC colour profile, if any.
  public var iccProfile: [UInt8]?
  /// The EXIF payload as a TIFF structure starting with `II*\0` or `MM\0*`, without the
  /// `Exif\0\0` prefix that JPEG APP1 segments carry.
  public var exif: [UInt8]?
  /// The XMP packet (XML bytes).
  public var xmp: [UInt8]?
  /// The names of the other metadata blocks the file carried, which no policy ever writes back
  /// (`JPEG comment`, `IPTC (APP13)`, `PNG text "Author"`); their content is not kept.
  public var otherBlocks: [String]

  /// Creates metadata from its raw blocks; every block is optional.
  public init(
    iccProfile: [UInt8]? = nil, exif: [UInt8]? = nil, xmp: [UInt8]? = nil,
    otherBlocks: [String] = []
  ) {
    self.iccProfile = iccProfile
    self.exif = exif
    self.xmp = xmp
    self.otherBlocks = otherBlocks
  }

  /// True when no block is present.
  public var isEmpty: Bool { iccProfile == nil && exif == nil && xmp == nil && otherBlocks.isEmpty }
}
