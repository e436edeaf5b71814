import CWebP
import FaceGuardCore

/// Encodes images as WebP with libwebp, lossy or lossless, keeping alpha, and embeds
/// metadata chunks with WebPMux.
enum WebPEncoder {
  /// The WebP bytes for `image`. Lossy output uses `options.quality`; for lossless output the
  /// same value sets the compression effort. Colors under fully transparent pixels are kept.
  static func encode(_ image: Image, options: EncodeOptions) throws(ImageCodecError) -> [UInt8] {
    var config = WebPConfig()
    guard WebPConfigInit(&config) != 0 else {
      throw .encodeFailed(.webp, detail: "the installed libwebp does not match")
    }
    config.lossless = options.lossless ? 1 : 0
    config.quality = Float(options.clampedQuality)
    config.exact = 1
    guard WebPValidateConfig(&config) != 0 else {
      throw .encodeFailed(.webp, detail: "invalid encoder settings")
    }

    var picture = WebPPicture()
    guard WebPPictureInit(&picture) != 0 else {
      throw .encodeFailed(.webp, detail: "the installed libwebp does not match")
    }
    defer { WebPPictureFree(&picture) }
    picture.width = Int32(clamping: image.width)
    picture.height = Int32(clamping: image.height)
    picture.use_argb = 1
    let stride = Int32(clamping: image.rowLength)
    let imported = image.pixels.withUnsafeBufferPointer {
      image.layout == .rgba
        ? WebPPictureImportRGBA(&picture, $0.baseAddress, stride)
        : WebPPictureImportRGB(&picture, $0.baseAddress, stride)
    }
    guard imported != 0 else {
      throw .encodeFailed(.webp, detail: "the image is too large for WebP (at most 16383x16383)")
    }

    var writer = WebPMemoryWriter()
    WebPMemoryWriterInit(&writer)
    defer { WebPMemoryWriterClear(&writer) }
    let encoded = withUnsafeMutablePointer(to: &writer) { writerPointer in
      picture.writer = WebPMemoryWrite
      picture.custom_ptr = UnsafeMutableRawPointer(writerPointer)
      return WebPEncode(&config, &picture)
    }
    guard encoded != 0 else {
      throw .encodeFailed(.webp, detail: "libwebp error \(picture.error_code.rawValue)")
    }
    let webp = Array(UnsafeBufferPointer(start: writer.mem, count: writer.size))
    return try embed(options.metadata, into: webp)
  }

  /// `webp` with ICCP, EXIF and XMP chunks added (WebPMux also writes the VP8X header).
  private static func embed(_ metadata: ImageMetadata, into webp: [UInt8]) throws(ImageCodecError)
    -> [UInt8]
  {
    guard !metadata.isEmpty else { return webp }
    let blocks: [(fourCC: String, payload: [UInt8])] = [
      ("ICCP", metadata.iccProfile), ("EXIF", metadata.exif), ("XMP ", metadata.xmp),
    ].compactMap { fourCC, payload in payload.map { (fourCC, $0) } }
    let assembled = webp.withUnsafeBufferPointer { buffer -> [UInt8]? in
      var image = WebPData(bytes: buffer.baseAddress, size: buffer.count)
      guard let mux = WebPMuxCreate(&image, 1) else { return nil }
      defer { WebPMuxDelete(mux) }
      for block in blocks {
        let status = block.payload.withUnsafeBufferPointer { payload in
          var chunk = WebPData(bytes: payload.baseAddress, size: payload.count)
          return WebPMuxSetChunk(mux, block.fourCC, &chunk, 1)
        }
        guard status == WEBP_MUX_OK else { return nil }
      }
      var output = WebPData()
      guard WebPMuxAssemble(mux, &output) == WEBP_MUX_OK else { return nil }
      defer { WebPDataClear(&output) }
      return Array(UnsafeBufferPointer(start: output.bytes, count: output.size))
    }
    guard let assembled else {
      throw .encodeFailed(.webp, detail: "the metadata could not be added")
    }
    return assembled
  }
}
