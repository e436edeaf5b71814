import CFFmpeg

/// Hands the encoder frames in the pixel format it was opened with: decoded frames as they are
/// when they already have it, else converted into a reused frame.
final class PixelFormatAdapter {
  /// The encoder's pixel format.
  let format: AVPixelFormat
  private var converted: Frame?
  private var context: OpaquePointer?

  /// Creates an adapter to `format`.
  init(format: AVPixelFormat) {
    self.format = format
  }

  deinit {
    sws_freeContext(context)
  }

  /// `frame` itself, or its pixels converted to ``format`` with its colour tags.
  func frame(for frame: UnsafeMutablePointer<AVFrame>) throws(VideoError)
    -> UnsafeMutablePointer<AVFrame>
  {
    guard AVPixelFormat(frame.pointee.format) != format else { return frame }
    let width = Int(frame.pointee.width)
    let height = Int(frame.pointee.height)
    if converted == nil || converted!.pointer.pointee.width != frame.pointee.width
      || converted!.pointer.pointee.height != frame.pointee.height
    {
      converted = try Frame(width: width, height: height, format: format)
    }
    let target = converted!.pointer
    try FFmpegResult.check(av_frame_make_writable(target)) { .writeFailed(detail: $0) }
    context = sws_getCachedContext(
      context, frame.pointee.width, frame.pointee.height, AVPixelFormat(frame.pointee.format),
      frame.pointee.width, frame.pointee.height, format, SWS_BICUBIC, nil, nil, nil)
    guard let context else { throw .writeFailed(detail: "frames of an unknown pixel format") }
    _ = sws_scale(
      context, frame.pointee.sourcePlanes, frame.pointee.strides, 0, frame.pointee.height,
      target.pointee.planes, target.pointee.strides)
    target.pointee.color_primaries = frame.pointee.color_primaries
    target.pointee.color_trc = frame.pointee.color_trc
    target.pointee.colorspace = frame.pointee.colorspace
    target.pointee.color_range = frame.pointee.color_range
    target.pointee.sample_aspect_ratio = frame.pointee.sample_aspect_ratio
    return target
  }
}
