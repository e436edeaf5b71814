import CFFmpeg

/// Which container and stream metadata a video's anonymized copy keeps, following the photo
/// policy: by default nothing that locates or identifies the camera or its owner.
public enum VideoMetadataPolicy: Sendable, Equatable {
  /// Keep only what describes the streams' content: the language, title, handler name and
  /// timecode of each stream and the chapter titles. Location (`location`, `©xyz`, ISO 6709 atoms), device make, model and
  /// serial numbers, comments, dates, and telemetry streams (GoPro `gpmd`, `camm` camera motion
  /// with GPS) are removed. The default.
  case stripAll
  /// Also keep the container's title and creation time.
  case keepSafe

  /// Stream tags kept under either policy.
  static let streamTags: Set<String> = ["language", "title", "handler_name", "timecode"]
  /// Container tags kept with ``keepSafe``.
  static let containerTags: Set<String> = ["title", "creation_time"]
  /// Codec tags of data streams that carry GPS or camera motion, dropped under ``stripAll``.
  static let telemetryTags: Set<String> = ["gpmd", "camm"]

  /// The container tags of `source` this policy keeps.
  func containerMetadata(_ source: OpaquePointer?) -> OpaquePointer? {
    self == .keepSafe ? Self.copy(source, keeping: Self.containerTags) : nil
  }

  /// The stream tags of `source` this policy keeps.
  func streamMetadata(_ source: OpaquePointer?) -> OpaquePointer? {
    Self.copy(source, keeping: Self.streamTags)
  }

  /// Whether a data stream with FourCC `tag` is copied.
  func keepsDataStream(tag: UInt32) -> Bool {
    let bytes = (0..<4).map { UInt8(truncatingIfNeeded: tag >> (8 * $0)) }
    return self == .keepSafe || !Self.telemetryTags.contains(String(decoding: bytes, as: UTF8.self))
  }

  /// A new dictionary holding the entries of `source` named in `keys` (case-insensitively).
  private static func copy(_ source: OpaquePointer?, keeping keys: Set<String>) -> OpaquePointer? {
    var copied: OpaquePointer?
    var entry: UnsafeMutablePointer<AVDictionaryEntry>?
    while let next = av_dict_get(source, "", entry, AV_DICT_IGNORE_SUFFIX) {
      entry = next
      if keys.contains(String(cString: next.pointee.key).lowercased()) {
        av_dict_set(&copied, next.pointee.key, next.pointee.value, 0)
      }
    }
    return copied
  }
}
