import CPNG
import FaceGuardCore

/// Decodes PNG files with libpng's simplified API into 8-bit RGB or RGBA.
///
/// Gray, gray+alpha, palette (with tRNS transparency), 16-bit and interlaced files are all
/// expanded; an image with any transparency becomes RGBA. 16-bit files without gamma
/// information are taken as sRGB-encoded.
enum PNGDecoder {
  /// Decodes `bytes`, checking the IHDR size against `limits` before allocating pixels.
  static func decode(_ bytes: [UInt8], limits: DecodeLimits) throws(ImageCodecError)
    -> DecodedImage
  {
    let chunks = try PNGChunks(parsing: bytes)
    try limits.check(width: chunks.width, height: chunks.height, format: .png)
    // libpng allocates what a chunk's length field claims before noticing the data is missing,
    // so files whose chunk list does not reach IEND never get to it.
    guard chunks.isComplete else { throw .truncated(.png) }

    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    defer { png_image_free(&image) }
    let begun = bytes.withUnsafeBufferPointer {
      png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count)
    }
    guard begun != 0 else { throw failure(image) }

    let hasAlpha = image.format & PNG_FORMAT_FLAG_ALPHA != 0
    let layout: Image.Layout = hasAlpha ? .rgba : .rgb
    image.format = PNG_FORMAT_FLAG_COLOR | (hasAlpha ? PNG_FORMAT_FLAG_ALPHA : 0)
    image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
    let width = Int(image.width)
    let height = Int(image.height)
    var pixels = [UInt8](repeating: 0, count: width * height * layout.channels)
    let finished = pixels.withUnsafeMutableBufferPointer {
      png_image_finish_read(&image, nil, $0.baseAddress, 0, nil)
    }
    guard finished != 0 else { throw failure(image) }

    return DecodedImage(
      image: Image(width: width, height: height, layout: layout, pixels: pixels),
      metadata: PNGMetadataReader.read(from: chunks, in: bytes),
      format: .png,
      sourceBitDepth: chunks.bitDepth)
  }

  /// The error for a failed libpng call, with libpng's message.
  private static func failure(_ image: png_image) -> ImageCodecError {
    var message = image.message
    let text = withUnsafeBytes(of: &message) {
      String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
    }
    return .corrupt(.png, detail: text.isEmpty ? "libpng could not read it" : text)
  }
}
