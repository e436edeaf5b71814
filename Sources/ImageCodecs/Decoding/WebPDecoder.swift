import CWebP
import FaceGuardCore

/// Decodes still WebP files (lossy or lossless) with libwebp into 8-bit RGB or RGBA, and reads
/// their ICCP, EXIF and XMP chunks with WebPDemux.
enum WebPDecoder {
  /// Decodes `bytes`, checking the header size against `limits` before allocating pixels.
  static func decode(_ bytes: [UInt8], limits: DecodeLimits) throws(ImageCodecError)
    -> DecodedImage
  {
    let features = try features(of: bytes)
    let width = Int(features.width)
    let height = Int(features.height)
    try limits.check(width: width, height: height, format: .webp)
    guard features.has_animation == 0 else {
      throw .unsupported("animated WebP images cannot be anonymized")
    }

    let layout: Image.Layout = features.has_alpha != 0 ? .rgba : .rgb
    var pixels = [UInt8](repeating: 0, count: width * height * layout.channels)
    var config = WebPDecoderConfig()
    guard WebPInitDecoderConfig(&config) != 0 else {
      throw .unsupported("the installed libwebp does not match the one FaceGuard was built with")
    }
    let status = pixels.withUnsafeMutableBufferPointer { output in
      config.output.colorspace = layout == .rgba ? MODE_RGBA : MODE_RGB
      config.output.is_external_memory = 1
      config.output.u.RGBA.rgba = output.baseAddress
      config.output.u.RGBA.stride = Int32(width * layout.channels)
      config.output.u.RGBA.size = output.count
      return bytes.withUnsafeBufferPointer { WebPDecode($0.baseAddress, $0.count, &config) }
    }
    WebPFreeDecBuffer(&config.output)
    try check(status)
    return DecodedImage(
      image: Image(width: width, height: height, layout: layout, pixels: pixels),
      metadata: metadata(of: bytes),
      format: .webp,
      sourceBitDepth: 8,
      isLosslessWebP: features.format == 2)
  }

  /// The width and height the bitstream header gives, read without decoding pixels.
  static func dimensions(of bytes: [UInt8]) throws(ImageCodecError) -> (width: Int, height: Int) {
    let features = try features(of: bytes)
    return (Int(features.width), Int(features.height))
  }

  /// The bitstream's size, alpha, animation and lossless flags.
  private static func features(of bytes: [UInt8]) throws(ImageCodecError)
    -> WebPBitstreamFeatures
  {
    var features = WebPBitstreamFeatures()
    let status = bytes.withUnsafeBufferPointer {
      WebPGetFeatures($0.baseAddress, $0.count, &features)
    }
    try check(status)
    return features
  }

  /// Throws the error for a libwebp status other than OK.
  private static func check(_ status: VP8StatusCode) throws(ImageCodecError) {
    switch status {
    case VP8_STATUS_OK: return
    case VP8_STATUS_NOT_ENOUGH_DATA: throw .truncated(.webp)
    case VP8_STATUS_UNSUPPORTED_FEATURE: throw .unsupported("the WebP file uses an unknown feature")
    case VP8_STATUS_OUT_OF_MEMORY: throw .corrupt(.webp, detail: "out of memory while decoding")
    default:
      throw .corrupt(.webp, detail: "libwebp reports invalid data (status \(status.rawValue))")
    }
  }

  /// The ICCP, EXIF and XMP chunks of a WebP container; empty when there are none.
  private static func metadata(of bytes: [UInt8]) -> ImageMetadata {
    bytes.withUnsafeBufferPointer { buffer in
      var data = WebPData(bytes: buffer.baseAddress, size: buffer.count)
      guard let demux = WebPDemux(&data) else { return ImageMetadata() }
      defer { WebPDemuxDelete(demux) }
      var exif = chunk("EXIF", in: demux)
      if let payload = exif, payload.starts(with: JPEGMetadataReader.exifSignature) {
        exif = Array(payload.dropFirst(JPEGMetadataReader.exifSignature.count))
      }
      return ImageMetadata(
        iccProfile: chunk("ICCP", in: demux), exif: exif, xmp: chunk("XMP ", in: demux))
    }
  }

  /// The payload of the first chunk named `fourCC`.
  private static func chunk(_ fourCC: String, in demux: OpaquePointer) -> [UInt8]? {
    var iterator = WebPChunkIterator()
    guard WebPDemuxGetChunk(demux, fourCC, 1, &iterator) != 0 else { return nil }
    defer { WebPDemuxReleaseChunkIterator(&iterator) }
    return Array(UnsafeBufferPointer(start: iterator.chunk.bytes, count: iterator.chunk.size))
  }
}
