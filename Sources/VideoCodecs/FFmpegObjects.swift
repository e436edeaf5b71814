import CFFmpeg

/// An FFmpeg packet, freed with its owner.
final class Packet {
  /// The packet.
  let pointer: UnsafeMutablePointer<AVPacket>

  /// Allocates an empty packet.
  init() throws(VideoError) {
    guard let packet = av_packet_alloc() else { throw .writeFailed(detail: "out of memory") }
    pointer = packet
  }

  deinit {
    var packet: UnsafeMutablePointer<AVPacket>? = pointer
    av_packet_free(&packet)
  }
}

/// An FFmpeg frame, freed with its owner.
final class Frame {
  /// The frame.
  let pointer: UnsafeMutablePointer<AVFrame>

  /// Allocates an empty frame.
  init() throws(VideoError) {
    guard let frame = av_frame_alloc() else { throw .writeFailed(detail: "out of memory") }
    pointer = frame
  }

  /// Allocates a frame with its own buffers of the given size and pixel format.
  convenience init(width: Int, height: Int, format: AVPixelFormat) throws(VideoError) {
    try self.init()
    pointer.pointee.width = Int32(width)
    pointer.pointee.height = Int32(height)
    pointer.pointee.format = format.rawValue
    try FFmpegResult.check(av_frame_get_buffer(pointer, 0)) { .writeFailed(detail: $0) }
  }

  deinit {
    var frame: UnsafeMutablePointer<AVFrame>? = pointer
    av_frame_free(&frame)
  }
}
