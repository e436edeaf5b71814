import CFFmpeg

extension VideoMetadataPolicy {
  /// What of `input`'s metadata the copy written under this policy does not carry, by name only
  /// (never a value), for the audit log: `container tag location`, `stream tag creation_time`,
  /// `chapter tag artist`, `telemetry stream gpmd`, `cover picture`. The muxer writes its own
  /// technical tags (such as `major_brand` and `encoder`), which replace the input's.
  func removedItems(of input: MediaInput) -> [String] {
    var removed: [String] = []
    func add(_ item: String) {
      if !removed.contains(item) { removed.append(item) }
    }
    let keptContainerTags = self == .keepSafe ? Self.containerTags : []
    for key in Self.keys(of: input.context.pointee.metadata)
    where !keptContainerTags.contains(key.lowercased()) {
      add("container tag \(key)")
    }
    for index in 0..<input.streamCount {
      let stream = input.stream(index)
      let parameters = stream.pointee.codecpar!.pointee
      if stream.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0 {
        add("cover picture")
        continue
      }
      if parameters.codec_type == AVMEDIA_TYPE_DATA && !keepsDataStream(tag: parameters.codec_tag) {
        add("telemetry stream \(Self.fourCC(parameters.codec_tag))")
        continue
      }
      for key in Self.keys(of: stream.pointee.metadata)
      where !Self.streamTags.contains(key.lowercased()) {
        add("stream tag \(key)")
      }
    }
    let chapters = Int(input.context.pointee.nb_chapters)
    for index in 0..<chapters {
      guard let chapter = input.context.pointee.chapters?[index] else { continue }
      for key in Self.keys(of: chapter.pointee.metadata)
      where !Self.streamTags.contains(key.lowercased()) {
        add("chapter tag \(key)")
      }
    }
    return removed
  }

  /// The keys of an FFmpeg dictionary, in its order.
  private static func keys(of dictionary: OpaquePointer?) -> [String] {
    var keys: [String] = []
    var entry: UnsafeMutablePointer<AVDictionaryEntry>?
    while let next = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX) {
      entry = next
      keys.append(String(cString: next.pointee.key))
    }
    return keys
  }

  /// A codec tag as its four characters.
  private static func fourCC(_ tag: UInt32) -> String {
    String(decoding: (0..<4).map { UInt8(truncatingIfNeeded: tag >> (8 * $0)) }, as: UTF8.self)
  }
}
