import CFFmpeg

/// An open video file: its container, its streams, and its packets in file order.
final class MediaInput {
  /// The demuxer.
  let context: UnsafeMutablePointer<AVFormatContext>
  /// The container.
  let container: ContainerFormat
  /// The index of the video stream that is anonymized.
  let videoIndex: Int

  /// Opens `path` and reads enough of it to know its streams.
  ///
  /// - Throws: ``VideoError`` when FFmpeg cannot read the file, the container is not one
  ///   FaceGuard supports, or there is no video stream.
  init(path: String) throws(VideoError) {
    FFmpegResult.silenceLogging
    var opened: UnsafeMutablePointer<AVFormatContext>?
    // The `file:` prefix keeps a name such as `concat:a|b` from selecting another protocol, and
    // the allowlists keep FFmpeg from probing playlist formats (HLS, concat) that would open
    // other files or any protocol but the file itself.
    var options: OpaquePointer?
    av_dict_set(&options, "format_whitelist", ContainerFormat.demuxerAllowlist, 0)
    av_dict_set(&options, "protocol_whitelist", "file", 0)
    defer { av_dict_free(&options) }
    let status = avformat_open_input(&opened, "file:" + path, nil, &options)
    guard status >= 0, let opened else {
      throw .unreadable(detail: FFmpegResult.message(status))
    }
    context = opened
    let demuxer = String(cString: opened.pointee.iformat.pointee.name)
    guard let container = ContainerFormat(demuxerName: demuxer) else {
      var closing: UnsafeMutablePointer<AVFormatContext>? = opened
      avformat_close_input(&closing)
      throw .unreadable(
        detail: "a \(demuxer) file; FaceGuard reads MP4, MOV, M4V, MKV, WebM and AVI videos")
    }
    self.container = container
    let probed = avformat_find_stream_info(opened, nil)
    let best = av_find_best_stream(opened, AVMEDIA_TYPE_VIDEO, -1, -1, nil, 0)
    guard probed >= 0, best >= 0 else {
      var closing: UnsafeMutablePointer<AVFormatContext>? = opened
      avformat_close_input(&closing)
      if probed < 0 { throw .damaged(detail: FFmpegResult.message(probed)) }
      throw .noVideoStream
    }
    videoIndex = Int(best)
  }

  deinit {
    var closing: UnsafeMutablePointer<AVFormatContext>? = context
    avformat_close_input(&closing)
  }

  /// The number of streams.
  var streamCount: Int { Int(context.pointee.nb_streams) }

  /// Stream `index`.
  func stream(_ index: Int) -> UnsafeMutablePointer<AVStream> {
    context.pointee.streams[index]!
  }

  /// The video stream that is anonymized.
  var videoStream: UnsafeMutablePointer<AVStream> { stream(videoIndex) }

  /// Reads the next packet into `packet` (replacing what it held).
  ///
  /// - Returns: `false` at the end of the file.
  /// - Throws: ``VideoError/damaged(detail:)`` when the file cannot be read further.
  func read(into packet: Packet) throws(VideoError) -> Bool {
    av_packet_unref(packet.pointer)
    let status = av_read_frame(context, packet.pointer)
    if status == FG_AVERROR_EOF { return false }
    try FFmpegResult.check(status) { .damaged(detail: $0) }
    return true
  }
}
