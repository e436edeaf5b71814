import CFFmpeg

/// Decodes the packets of one video stream into frames.
final class VideoDecoder {
  /// The codec context.
  let context: UnsafeMutablePointer<AVCodecContext>

  /// Opens a decoder for `stream`, using every core.
  ///
  /// - Throws: ``VideoError/unsupportedCodec(_:)`` when this FFmpeg has no decoder for it.
  init(stream: UnsafeMutablePointer<AVStream>) throws(VideoError) {
    let parameters = stream.pointee.codecpar!
    guard let codec = avcodec_find_decoder(parameters.pointee.codec_id) else {
      throw .unsupportedCodec(String(cString: avcodec_get_name(parameters.pointee.codec_id)))
    }
    guard let context = avcodec_alloc_context3(codec) else {
      throw .writeFailed(detail: "out of memory")
    }
    self.context = context
    try FFmpegResult.check(avcodec_parameters_to_context(context, parameters)) {
      .damaged(detail: $0)
    }
    context.pointee.pkt_timebase = stream.pointee.time_base
    context.pointee.thread_count = 0
    try FFmpegResult.check(avcodec_open2(context, codec, nil)) {
      .unsupportedCodec("\(String(cString: codec.pointee.name)) (\($0))")
    }
  }

  deinit {
    var closing: UnsafeMutablePointer<AVCodecContext>? = context
    avcodec_free_context(&closing)
  }

  /// Hands the decoder a packet, or `nil` to drain it at the end of the stream.
  func send(_ packet: Packet?) throws(VideoError) {
    let status = avcodec_send_packet(context, packet?.pointer)
    if status == FG_AVERROR_EOF { return }
    try FFmpegResult.check(status) { .damaged(detail: $0) }
  }

  /// Takes the next decoded frame into `frame` (replacing what it held).
  ///
  /// - Returns: `false` when the decoder needs more packets or is drained.
  func receive(into frame: Frame) throws(VideoError) -> Bool {
    av_frame_unref(frame.pointer)
    let status = avcodec_receive_frame(context, frame.pointer)
    if status == FG_AVERROR_EAGAIN || status == FG_AVERROR_EOF { return false }
    try FFmpegResult.check(status) { .damaged(detail: $0) }
    return true
  }
}
