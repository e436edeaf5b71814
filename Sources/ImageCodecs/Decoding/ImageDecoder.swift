/// Reads JPEG, PNG, WebP and HEIC files into memory images.
public enum ImageDecoder {
  /// Detects the format of `bytes` from its content and decodes it.
  ///
  /// The header's dimensions are checked against `limits` before any pixel memory is
  /// allocated. Pixels are returned as stored: EXIF orientation is not applied (HEIC files
  /// come out display-oriented; see `DecodedImage.isDisplayOriented`).
  public static func decode(_ bytes: [UInt8], limits: DecodeLimits = DecodeLimits())
    throws(ImageCodecError) -> DecodedImage
  {
    guard !bytes.isEmpty else { throw .empty }
    guard let format = ImageFormat(sniffing: bytes) else { throw .unrecognizedFormat }
    switch format {
    case .jpeg: return try JPEGDecoder.decode(bytes, limits: limits)
    case .png: return try PNGDecoder.decode(bytes, limits: limits)
    case .webp: return try WebPDecoder.decode(bytes, limits: limits)
    case .heic: return try HEICDecoder.decode(bytes, limits: limits)
    }
  }
}
