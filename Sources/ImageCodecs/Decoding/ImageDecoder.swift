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

  /// The width and height a file's header declares, read without decoding any pixels (and
  /// without checking them against limits): what a caller needs to budget memory before
  /// decoding.
  ///
  /// - Throws: ``ImageCodecError`` when the bytes are empty, no supported image, or their header
  ///   cannot be read.
  public static func dimensions(of bytes: [UInt8]) throws(ImageCodecError)
    -> (width: Int, height: Int)
  {
    guard !bytes.isEmpty else { throw .empty }
    guard let format = ImageFormat(sniffing: bytes) else { throw .unrecognizedFormat }
    switch format {
    case .jpeg:
      let structure = try JPEGStructure(parsing: bytes)
      return (structure.width, structure.height)
    case .png:
      let chunks = try PNGChunks(parsing: bytes)
      return (chunks.width, chunks.height)
    case .webp: return try WebPDecoder.dimensions(of: bytes)
    case .heic: return try HEICDecoder.dimensions(of: bytes)
    }
  }
}
