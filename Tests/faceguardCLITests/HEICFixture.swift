import CHeif
import FaceGuard
import Foundation
import Testing

/// HEIC files written with libheif for tests (FaceGuard itself only reads HEIC).
enum HEICFixture {
  /// An 8-bit HEIC of an RGB `image`.
  static func file(of image: Image) throws -> [UInt8] {
    let context = try #require(heif_context_alloc())
    defer { heif_context_free(context) }
    var encoder: OpaquePointer?
    try check(heif_context_get_encoder_for_format(context, heif_compression_HEVC, &encoder))
    defer { heif_encoder_release(encoder) }
    try check(heif_encoder_set_lossy_quality(encoder, 90))
    var heifImage: OpaquePointer?
    try check(
      heif_image_create(
        Int32(image.width), Int32(image.height), heif_colorspace_RGB,
        heif_chroma_interleaved_RGB, &heifImage))
    defer { heif_image_release(heifImage) }
    try check(
      heif_image_add_plane(
        heifImage, heif_channel_interleaved, Int32(image.width), Int32(image.height), 8))
    var stride: Int32 = 0
    let plane = try #require(heif_image_get_plane(heifImage, heif_channel_interleaved, &stride))
    for row in 0..<image.height {
      for column in 0..<image.rowLength {
        plane[row * Int(stride) + column] = image.pixels[row * image.rowLength + column]
      }
    }
    var handle: OpaquePointer?
    try check(heif_context_encode_image(context, heifImage, encoder, nil, &handle))
    heif_image_handle_release(handle)
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("faceguard-cli-\(UUID().uuidString).heic")
    defer { try? FileManager.default.removeItem(at: url) }
    try check(heif_context_write_to_file(context, url.path))
    return Array(try Data(contentsOf: url))
  }

  /// Fails the test with libheif's message unless `error` is "ok".
  private static func check(_ error: heif_error) throws {
    let message = error.message.map { String(cString: $0) } ?? ""
    try #require(error.code == heif_error_Ok, "libheif: \(message)")
  }
}
