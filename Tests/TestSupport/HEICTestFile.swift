import CHeif
import FaceGuardCore
import Foundation
import ImageCodecs

/// HEIC files written with libheif for tests (FaceGuard itself only reads HEIC).
public enum HEICTestFile {
  /// A HEIC file of `image` (RGB or RGBA) at `bitDepth` (8 or 10) with the given metadata,
  /// written with libheif's HEVC encoder.
  public static func encode(
    _ image: Image, bitDepth: Int = 8, metadata: ImageMetadata = ImageMetadata()
  ) throws -> [UInt8] {
    guard let context = heif_context_alloc() else { throw Failure(message: "no context") }
    defer { heif_context_free(context) }
    var encoder: OpaquePointer?
    try check(heif_context_get_encoder_for_format(context, heif_compression_HEVC, &encoder))
    defer { heif_encoder_release(encoder) }
    try check(heif_encoder_set_lossy_quality(encoder, 95))
    var heifImage: OpaquePointer?
    let hasAlpha = image.layout == .rgba
    let chroma =
      bitDepth == 8
      ? (hasAlpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB)
      : (hasAlpha ? heif_chroma_interleaved_RRGGBBAA_LE : heif_chroma_interleaved_RRGGBB_LE)
    try check(
      heif_image_create(
        Int32(image.width), Int32(image.height), heif_colorspace_RGB, chroma, &heifImage))
    defer { heif_image_release(heifImage) }
    try check(
      heif_image_add_plane(
        heifImage, heif_channel_interleaved, Int32(image.width), Int32(image.height),
        Int32(bitDepth)))
    var stride: Int32 = 0
    guard let plane = heif_image_get_plane(heifImage, heif_channel_interleaved, &stride) else {
      throw Failure(message: "no image plane")
    }
    let maxValue = (1 << bitDepth) - 1
    for row in 0..<image.height {
      for column in 0..<image.rowLength {
        let value = Int(image.pixels[row * image.rowLength + column]) * maxValue / 255
        if bitDepth == 8 {
          plane[row * Int(stride) + column] = UInt8(value)
        } else {
          plane[row * Int(stride) + column * 2] = UInt8(value & 0xFF)
          plane[row * Int(stride) + column * 2 + 1] = UInt8(value >> 8)
        }
      }
    }
    if let icc = metadata.iccProfile {
      try check(heif_image_set_raw_color_profile(heifImage, "prof", icc, icc.count))
    }
    var handle: OpaquePointer?
    try check(heif_context_encode_image(context, heifImage, encoder, nil, &handle))
    defer { heif_image_handle_release(handle) }
    if let exif = metadata.exif {
      try check(heif_context_add_exif_metadata(context, handle, exif, Int32(exif.count)))
    }
    if let xmp = metadata.xmp {
      try check(heif_context_add_XMP_metadata(context, handle, xmp, Int32(xmp.count)))
    }
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("faceguard-test-\(UUID().uuidString).heic")
    defer { try? FileManager.default.removeItem(at: url) }
    try check(heif_context_write_to_file(context, url.path))
    return Array(try Data(contentsOf: url))
  }

  /// Throws libheif's message unless `error` is "ok".
  private static func check(_ error: heif_error) throws {
    guard error.code != heif_error_Ok else { return }
    throw Failure(message: error.message.map { String(cString: $0) } ?? "error \(error.code)")
  }

  /// libheif refused to write the test file.
  public struct Failure: Error, CustomStringConvertible {
    /// libheif's message.
    public let message: String
    public var description: String { "libheif: \(message)" }
  }

}
