import CFFmpeg

/// Encodes frames of one video stream at constant quality, keeping their timestamps.
final class VideoEncoder {
  /// The codec context.
  let context: UnsafeMutablePointer<AVCodecContext>

  /// Opens an encoder for frames like `decoder`'s, in the stream's time base.
  ///
  /// The pixel format is the decoder's when the encoder takes it (so 10-bit stays 10-bit), else
  /// the closest 4:2:0 format of the same depth the encoder has; colour tags are copied.
  ///
  /// - Parameters:
  ///   - codec: what to encode with.
  ///   - quality: the constant-quality level (CRF).
  ///   - decoder: the decoder of the input video stream.
  ///   - stream: the input video stream (time base, frame rate, aspect ratio).
  ///   - globalHeader: whether the container wants the codec headers out of band.
  init(
    codec: VideoCodec, quality: Int, decoder: VideoDecoder, stream: UnsafePointer<AVStream>,
    globalHeader: Bool
  ) throws(VideoError) {
    guard
      let encoder = codec.encoderNames.lazy.compactMap({ avcodec_find_encoder_by_name($0) }).first
    else { throw .encoderUnavailable(codec.encoderNames.joined(separator: " or ")) }
    guard let context = avcodec_alloc_context3(encoder) else {
      throw .writeFailed(detail: "out of memory")
    }
    self.context = context
    let source = decoder.context.pointee
    context.pointee.width = source.width
    context.pointee.height = source.height
    context.pointee.pix_fmt = Self.pixelFormat(for: source.pix_fmt, encoder: encoder)
    context.pointee.sample_aspect_ratio = source.sample_aspect_ratio
    context.pointee.color_primaries = source.color_primaries
    context.pointee.color_trc = source.color_trc
    context.pointee.colorspace = source.colorspace
    context.pointee.color_range = source.color_range
    context.pointee.chroma_sample_location = source.chroma_sample_location
    context.pointee.time_base = stream.pointee.time_base
    let rate =
      stream.pointee.avg_frame_rate.num > 0
      ? stream.pointee.avg_frame_rate : stream.pointee.r_frame_rate
    if rate.num > 0 && rate.den > 0 { context.pointee.framerate = rate }
    context.pointee.thread_count = 0
    if globalHeader { context.pointee.flags |= Int32(AV_CODEC_FLAG_GLOBAL_HEADER) }
    var options: OpaquePointer?
    defer { av_dict_free(&options) }
    av_dict_set(&options, "crf", String(quality), 0)
    if codec == .vp9 {
      av_dict_set(&options, "b", "0", 0)
      av_dict_set(&options, "row-mt", "1", 0)
    }
    try FFmpegResult.check(avcodec_open2(context, encoder, &options)) { .writeFailed(detail: $0) }
  }

  deinit {
    var closing: UnsafeMutablePointer<AVCodecContext>? = context
    avcodec_free_context(&closing)
  }

  /// Hands the encoder a frame, or `nil` to drain it at the end.
  func send(_ frame: UnsafeMutablePointer<AVFrame>?) throws(VideoError) {
    try FFmpegResult.check(avcodec_send_frame(context, frame)) { .writeFailed(detail: $0) }
  }

  /// Takes the next encoded packet into `packet`.
  ///
  /// - Returns: `false` when the encoder needs more frames or is drained.
  func receive(into packet: Packet) throws(VideoError) -> Bool {
    av_packet_unref(packet.pointer)
    let status = avcodec_receive_packet(context, packet.pointer)
    if status == FG_AVERROR_EAGAIN || status == FG_AVERROR_EOF { return false }
    try FFmpegResult.check(status) { .writeFailed(detail: $0) }
    return true
  }

  /// `decoded` if the encoder takes it, else its 4:2:0 counterpart of the same bit depth (8 or
  /// 10), else the encoder's first format.
  private static func pixelFormat(
    for decoded: AVPixelFormat, encoder: UnsafePointer<AVCodec>
  ) -> AVPixelFormat {
    var supported: [AVPixelFormat] = []
    if var format = encoder.pointee.pix_fmts {
      while format.pointee != AV_PIX_FMT_NONE {
        supported.append(format.pointee)
        format += 1
      }
    }
    if supported.contains(decoded) { return decoded }
    let depth = av_pix_fmt_desc_get(decoded).map { Int($0.pointee.comp.0.depth) } ?? 8
    let preferred = depth > 8 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P
    if supported.contains(preferred) { return preferred }
    return supported.first ?? AV_PIX_FMT_YUV420P
  }
}
