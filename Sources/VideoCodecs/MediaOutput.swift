import CFFmpeg

/// A video file being written: its container, its streams and their interleaved packets.
final class MediaOutput {
  /// The muxer.
  let context: UnsafeMutablePointer<AVFormatContext>

  /// Creates a container of the kind `name` suggests (`clip.mp4`), written to `path`.
  init(path: String, name: String) throws(VideoError) {
    FFmpegResult.silenceLogging
    var created: UnsafeMutablePointer<AVFormatContext>?
    let format = av_guess_format(nil, name, nil)
    try FFmpegResult.check(avformat_alloc_output_context2(&created, format, nil, path)) {
      .writeFailed(detail: $0)
    }
    guard let created else { throw .writeFailed(detail: "no muxer for \(name)") }
    context = created
    try FFmpegResult.check(avio_open(&created.pointee.pb, "file:" + path, AVIO_FLAG_WRITE)) {
      .writeFailed(detail: $0)
    }
  }

  deinit {
    avio_closep(&context.pointee.pb)
    avformat_free_context(context)
  }

  /// Whether the container wants codec headers out of band.
  var wantsGlobalHeader: Bool { context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 }

  /// Whether the container can hold a stream of `codec`.
  func accepts(_ codec: AVCodecID) -> Bool {
    avformat_query_codec(context.pointee.oformat, codec, FF_COMPLIANCE_NORMAL) == 1
  }

  /// Whether the container says it cannot hold a stream of `codec` (it may not know: streams
  /// with no codec, such as QuickTime timecode tracks, are left to the muxer to judge).
  func refuses(_ codec: AVCodecID) -> Bool {
    codec != AV_CODEC_ID_NONE
      && avformat_query_codec(context.pointee.oformat, codec, FF_COMPLIANCE_NORMAL) == 0
  }

  /// The FourCC a stream of `codec` copied with FourCC `tag` keeps: `tag` itself when the
  /// container has no table of FourCCs, maps `tag` to `codec`, or has none for `codec`
  /// (a timecode track keeps `tmcd`); otherwise 0, for the muxer to choose its own.
  func copiedTag(_ tag: UInt32, for codec: AVCodecID) -> UInt32 {
    guard let tables = context.pointee.oformat.pointee.codec_tag else { return tag }
    var own: UInt32 = 0
    if av_codec_get_id(tables, tag) == codec || av_codec_get_tag2(tables, codec, &own) == 0 {
      return tag
    }
    return 0
  }

  /// Adds a stream and returns it.
  func addStream() throws(VideoError) -> UnsafeMutablePointer<AVStream> {
    guard let stream = avformat_new_stream(context, nil) else {
      throw .writeFailed(detail: "out of memory")
    }
    return stream
  }

  /// Copies the chapters of `input`, with the tags `policy` keeps.
  func copyChapters(of input: UnsafePointer<AVFormatContext>, policy: VideoMetadataPolicy)
    throws(VideoError)
  {
    let count = Int(input.pointee.nb_chapters)
    guard count > 0, let sources = input.pointee.chapters else { return }
    let size = MemoryLayout<UnsafeMutablePointer<AVChapter>?>.stride * count
    guard
      let list = av_mallocz(size)?.bindMemory(
        to: UnsafeMutablePointer<AVChapter>?.self, capacity: count)
    else { throw .writeFailed(detail: "out of memory") }
    context.pointee.chapters = list
    for index in 0..<count {
      guard let source = sources[index],
        let chapter = av_mallocz(MemoryLayout<AVChapter>.size)?.bindMemory(
          to: AVChapter.self, capacity: 1)
      else { throw .writeFailed(detail: "out of memory") }
      chapter.pointee.id = source.pointee.id
      chapter.pointee.time_base = source.pointee.time_base
      chapter.pointee.start = source.pointee.start
      chapter.pointee.end = source.pointee.end
      chapter.pointee.metadata = policy.streamMetadata(source.pointee.metadata)
      list[index] = chapter
      context.pointee.nb_chapters = UInt32(index + 1)
    }
  }

  /// Writes the container header; streams cannot be added afterwards.
  func writeHeader() throws(VideoError) {
    try FFmpegResult.check(avformat_write_header(context, nil)) { .writeFailed(detail: $0) }
  }

  /// Writes `packet` (its timestamps in `timeBase`) to stream `index`, interleaved with the other
  /// streams.
  func write(_ packet: Packet, to index: Int, from timeBase: AVRational) throws(VideoError) {
    let stream = context.pointee.streams[index]!
    packet.pointer.pointee.stream_index = Int32(index)
    packet.pointer.pointee.pos = -1
    av_packet_rescale_ts(packet.pointer, timeBase, stream.pointee.time_base)
    try FFmpegResult.check(av_interleaved_write_frame(context, packet.pointer)) {
      .writeFailed(detail: $0)
    }
  }

  /// Writes what is still buffered and the container's index, and closes the file.
  func finish() throws(VideoError) {
    try FFmpegResult.check(av_write_trailer(context)) { .writeFailed(detail: $0) }
    try FFmpegResult.check(avio_closep(&context.pointee.pb)) { .writeFailed(detail: $0) }
  }
}
