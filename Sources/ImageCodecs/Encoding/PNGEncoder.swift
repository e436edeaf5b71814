import CPNG
import FaceGuardCore

/// Encodes images as PNG with libpng's simplified API, 8 or 16 bits per sample.
///
/// The simplified writer treats 16-bit input as linear light with premultiplied alpha and
/// tags the file with gamma 1.0. FaceGuard's samples are sRGB, so 16-bit output is written from
/// samples widened by 257 (premultiplied when there is alpha, which libpng undoes), and the
/// linear gamma tags are then replaced with an sRGB chunk. Very transparent pixels therefore
/// keep less color precision in 16-bit output; fully transparent ones lose their color.
enum PNGEncoder {
  /// The PNG bytes for `image`, with `options.metadata` embedded.
  static func encode(_ image: Image, options: EncodeOptions) throws(ImageCodecError) -> [UInt8] {
    guard options.bitDepth == 8 || options.bitDepth == 16 else {
      throw .encodeFailed(.png, detail: "bit depth \(options.bitDepth) is not 8 or 16")
    }
    let is16Bit = options.bitDepth == 16
    var pngImage = png_image()
    pngImage.version = UInt32(PNG_IMAGE_VERSION)
    pngImage.width = UInt32(clamping: image.width)
    pngImage.height = UInt32(clamping: image.height)
    let alphaFlag = image.layout == .rgba ? PNG_FORMAT_FLAG_ALPHA : 0
    pngImage.format = PNG_FORMAT_FLAG_COLOR | alphaFlag | (is16Bit ? PNG_FORMAT_FLAG_LINEAR : 0)
    defer { png_image_free(&pngImage) }

    let encoded: [UInt8]?
    if is16Bit {
      let samples = widenedSamples(image)
      encoded = samples.withUnsafeBytes { write(&pngImage, from: $0.baseAddress) }
    } else {
      encoded = image.pixels.withUnsafeBytes { write(&pngImage, from: $0.baseAddress) }
    }
    guard let encoded else {
      var message = pngImage.message
      let text = withUnsafeBytes(of: &message) {
        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
      }
      throw .encodeFailed(.png, detail: text.isEmpty ? "libpng could not write it" : text)
    }
    return try PNGMetadataWriter.embed(
      options.metadata, into: encoded, replacingLinearGamma: is16Bit)
  }

  /// Runs libpng's two-pass write to memory (size query, then write).
  private static func write(_ pngImage: inout png_image, from samples: UnsafeRawPointer?)
    -> [UInt8]?
  {
    var size = 0
    guard png_image_write_to_memory(&pngImage, nil, &size, 0, samples, 0, nil) != 0 else {
      return nil
    }
    var output = [UInt8](repeating: 0, count: size)
    let written = output.withUnsafeMutableBytes {
      png_image_write_to_memory(&pngImage, $0.baseAddress, &size, 0, samples, 0, nil)
    }
    guard written != 0 else { return nil }
    return Array(output[..<size])
  }

  /// 16-bit samples (`v * 257`), color premultiplied by alpha as libpng's linear input expects.
  private static func widenedSamples(_ image: Image) -> [UInt16] {
    var samples = image.pixels.map { UInt16($0) * 257 }
    guard image.layout == .rgba else { return samples }
    for pixel in stride(from: 0, to: samples.count, by: 4) {
      let alpha = UInt32(samples[pixel + 3])
      for channel in pixel..<pixel + 3 {
        samples[channel] = UInt16((UInt32(samples[channel]) * alpha + 32767) / 65535)
      }
    }
    return samples
  }
}
