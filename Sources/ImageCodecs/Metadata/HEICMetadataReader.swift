import CHeif

/// Reads the ICC profile, EXIF and XMP of a HEIC image handle.
enum HEICMetadataReader {
  /// The metadata attached to `handle`; a malformed block is left out.
  static func read(from handle: OpaquePointer) -> ImageMetadata {
    ImageMetadata(iccProfile: iccProfile(of: handle), exif: exif(of: handle), xmp: xmp(of: handle))
  }

  /// The raw ICC profile (`prof` or `rICC` color property), if any.
  private static func iccProfile(of handle: OpaquePointer) -> [UInt8]? {
    let type = heif_image_handle_get_color_profile_type(handle)
    guard type == heif_color_profile_type_prof || type == heif_color_profile_type_rICC else {
      return nil
    }
    var profile = [UInt8](repeating: 0, count: heif_image_handle_get_raw_color_profile_size(handle))
    guard !profile.isEmpty else { return nil }
    let error = profile.withUnsafeMutableBytes {
      heif_image_handle_get_raw_color_profile(handle, $0.baseAddress)
    }
    return error.code == heif_error_Ok ? profile : nil
  }

  /// The EXIF block without the 4-byte offset header HEIF puts before the TIFF structure.
  private static func exif(of handle: OpaquePointer) -> [UInt8]? {
    guard let block = blocks(of: handle, type: "Exif").first, block.count >= 4 else { return nil }
    let start = 4 + block.uint32BE(at: 0)
    guard start < block.count else { return nil }
    return Array(block[start...])
  }

  /// The first `mime` block with XMP content.
  private static func xmp(of handle: OpaquePointer) -> [UInt8]? {
    blocks(of: handle, type: "mime", contentType: "application/rdf+xml").first
  }

  /// The metadata blocks of `type` (and, when given, `contentType`), in file order.
  private static func blocks(of handle: OpaquePointer, type: String, contentType: String? = nil)
    -> [[UInt8]]
  {
    let count = heif_image_handle_get_number_of_metadata_blocks(handle, type)
    guard count > 0 else { return [] }
    var ids = [heif_item_id](repeating: 0, count: Int(count))
    let listed = heif_image_handle_get_list_of_metadata_block_IDs(handle, type, &ids, count)
    return ids.prefix(Int(listed)).compactMap { id in
      if let contentType {
        guard let actual = heif_image_handle_get_metadata_content_type(handle, id),
          String(cString: actual) == contentType
        else { return nil }
      }
      var block = [UInt8](repeating: 0, count: heif_image_handle_get_metadata_size(handle, id))
      let error = block.withUnsafeMutableBytes {
        heif_image_handle_get_metadata(handle, id, $0.baseAddress)
      }
      return error.code == heif_error_Ok ? block : nil
    }
  }
}
