import CHeif
import FaceGuardCore

/// Decodes the primary image of a HEIC file with libheif into 8-bit RGB or RGBA.
///
/// libheif applies the container's mandatory transformations (rotation `irot`, mirroring
/// `imir`, cropping `clap`), so the result is display-oriented and `isDisplayOriented` is set.
enum HEICDecoder {
  /// Decodes `bytes`, checking the image size against `limits` before decoding pixels.
  static func decode(_ bytes: [UInt8], limits: DecodeLimits) throws(ImageCodecError)
    -> DecodedImage
  {
    try withPrimaryImage(of: bytes, limits: limits) { handle throws(ImageCodecError) in
      try decode(handle)
    }
  }

  /// The primary image's width and height, read from the container without decoding pixels.
  static func dimensions(of bytes: [UInt8]) throws(ImageCodecError) -> (width: Int, height: Int) {
    let declared = HEIFGrid.size(in: bytes)
    let primary = try withPrimaryImage(of: bytes, limits: DecodeLimits(maxPixels: .max)) {
      handle throws(ImageCodecError) in
      (
        width: Int(heif_image_handle_get_width(handle)),
        height: Int(heif_image_handle_get_height(handle))
      )
    }
    guard let declared else { return primary }
    return (max(declared.width, primary.width), max(declared.height, primary.height))
  }

  /// Opens the file's primary image, checks its size (and a grid's) against `limits` and passes
  /// its handle to `body`.
  private static func withPrimaryImage<Result>(
    of bytes: [UInt8], limits: DecodeLimits,
    _ body: (OpaquePointer) throws(ImageCodecError) -> Result
  ) throws(ImageCodecError) -> Result {
    if let grid = HEIFGrid.size(in: bytes) {
      try limits.check(width: grid.width, height: grid.height, format: .heic)
    }
    guard let context = heif_context_alloc() else {
      throw .unsupported("the HEIC decoder could not be started")
    }
    defer { heif_context_free(context) }
    try check(
      bytes.withUnsafeBufferPointer {
        heif_context_read_from_memory(context, $0.baseAddress, $0.count, nil)
      })
    var handle: OpaquePointer?
    try check(heif_context_get_primary_image_handle(context, &handle))
    guard let handle else { throw .corrupt(.heic, detail: "the file has no primary image") }
    defer { heif_image_handle_release(handle) }
    try limits.check(
      width: Int(heif_image_handle_get_width(handle)),
      height: Int(heif_image_handle_get_height(handle)), format: .heic)
    return try body(handle)
  }

  /// Decodes the pixels and reads the metadata of an opened primary image.
  private static func decode(_ handle: OpaquePointer) throws(ImageCodecError) -> DecodedImage {
    let hasAlpha = heif_image_handle_has_alpha_channel(handle) != 0
    let layout: Image.Layout = hasAlpha ? .rgba : .rgb
    var decoded: OpaquePointer?
    try check(
      heif_decode_image(
        handle, &decoded, heif_colorspace_RGB,
        hasAlpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB, nil))
    guard let decoded else { throw .corrupt(.heic, detail: "libheif returned no image") }
    defer { heif_image_release(decoded) }
    let image = try copyPixels(of: decoded, layout: layout)
    return DecodedImage(
      image: image,
      metadata: HEICMetadataReader.read(from: handle),
      format: .heic,
      sourceBitDepth: Int(max(heif_image_handle_get_luma_bits_per_pixel(handle), 8)),
      isDisplayOriented: true)
  }

  /// The interleaved plane of a decoded image, without row padding.
  private static func copyPixels(of decoded: OpaquePointer, layout: Image.Layout)
    throws(ImageCodecError) -> Image
  {
    let width = Int(heif_image_get_width(decoded, heif_channel_interleaved))
    let height = Int(heif_image_get_height(decoded, heif_channel_interleaved))
    var stride: Int32 = 0
    guard width > 0, height > 0,
      let plane = heif_image_get_plane_readonly(decoded, heif_channel_interleaved, &stride),
      Int(stride) >= width * layout.channels
    else { throw .corrupt(.heic, detail: "libheif returned an unusable image") }
    let rowLength = width * layout.channels
    var pixels = [UInt8](repeating: 0, count: rowLength * height)
    for row in 0..<height {
      let source = UnsafeBufferPointer(start: plane + row * Int(stride), count: rowLength)
      pixels.replaceSubrange(row * rowLength..<(row + 1) * rowLength, with: source)
    }
    return Image(width: width, height: height, layout: layout, pixels: pixels)
  }

  /// Throws the Swift error for a libheif error other than "ok".
  static func check(_ error: heif_error) throws(ImageCodecError) {
    guard error.code != heif_error_Ok else { return }
    let message = error.message.map { String(cString: $0) } ?? "unknown libheif error"
    switch error.code {
    case heif_error_Unsupported_filetype, heif_error_Unsupported_feature:
      throw .unsupported(message)
    default:
      if error.subcode == heif_suberror_End_of_data { throw .truncated(.heic) }
      throw .corrupt(.heic, detail: message)
    }
  }
}
