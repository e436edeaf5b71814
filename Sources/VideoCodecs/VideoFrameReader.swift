import CFFmpeg
import FaceGuardCore
import Foundation

/// One decoded frame, valid only during the call that receives it.
public struct VideoFrame {
  /// The frame's position among the video's frames, from 0, in display order.
  public let index: Int
  /// When the frame is shown, in seconds (the container's timestamp, so variable frame rates
  /// keep their timing).
  public let time: Double
  fileprivate let frame: UnsafeMutablePointer<AVFrame>
  fileprivate let converter: FrameConverter
  fileprivate let orientation: Orientation

  /// The frame as an RGB image, turned as the video is shown.
  public func uprightImage() throws(VideoError) -> Image {
    orientation.apply(to: try converter.image(of: frame))
  }
}

/// Reads the frames of a video's video stream in display order, decoding only that stream.
public final class VideoFrameReader {
  /// What the file says about the video stream.
  public let properties: VideoProperties
  private let input: MediaInput
  private let decoder: VideoDecoder
  private let limits: VideoLimits

  /// Opens `path` and checks its video stream against `limits`.
  ///
  /// - Throws: ``VideoError`` when the file is no readable video or exceeds the limits.
  public init(path: String, limits: VideoLimits) throws(VideoError) {
    input = try MediaInput(path: path)
    properties = VideoProperties(of: input)
    try limits.check(properties)
    decoder = try VideoDecoder(stream: input.videoStream)
    self.limits = limits
  }

  /// Decodes every frame and hands it to `body`, in display order.
  ///
  /// - Returns: the number of frames.
  /// - Throws: ``VideoError`` when the stream is damaged, has no frames, more frames than the
  ///   limit, or timestamps that do not increase; any error `body` throws.
  @discardableResult
  public func forEachFrame(_ body: (VideoFrame) throws -> Void) throws -> Int {
    let packet = try Packet()
    let decoded = try Frame()
    let converter = FrameConverter()
    let timeBase = av_q2d(input.videoStream.pointee.time_base)
    var clock = FrameClock(limits: limits)
    func drain() throws {
      while try decoder.receive(into: decoded) {
        let timestamp = try clock.next(
          decoded.pointer.pointee.best_effort_timestamp, timeBase: timeBase)
        try body(
          VideoFrame(
            index: clock.count - 1, time: Double(timestamp) * timeBase, frame: decoded.pointer,
            converter: converter, orientation: properties.orientation))
      }
    }
    while try input.read(into: packet) {
      guard Int(packet.pointer.pointee.stream_index) == input.videoIndex else { continue }
      try decoder.send(packet)
      try drain()
    }
    try decoder.send(nil)
    try drain()
    try clock.finish(expectedFrames: properties.listedFrameCount, duration: properties.duration)
    return clock.count
  }
}

/// Counts frames and checks that their timestamps can be kept and that none is missing.
struct FrameClock {
  /// The limits the frame count is held to.
  let limits: VideoLimits
  /// Frames seen so far.
  private(set) var count = 0
  private var first: Double?
  private var last: Int64?
  private var lastTime = 0.0

  /// Creates a clock.
  init(limits: VideoLimits) {
    self.limits = limits
  }

  /// Records the next frame with presentation timestamp `timestamp` (in units of `timeBase`
  /// seconds) and returns it.
  ///
  /// - Throws: ``VideoError`` when the frame has no timestamp, one not after the previous
  ///   frame's, or is one frame too many.
  mutating func next(_ timestamp: Int64, timeBase: Double) throws(VideoError) -> Int64 {
    guard timestamp != Int64.min else {
      throw .badTimestamps(detail: "frame \(count + 1) has no timestamp")
    }
    if let last, timestamp <= last {
      throw .badTimestamps(
        detail:
          "frame \(count + 1) is not shown after frame \(count) (timestamps \(last), \(timestamp))")
    }
    guard count < limits.maxFrames else {
      throw .tooManyFrames(count: count + 1, limit: limits.maxFrames)
    }
    count += 1
    last = timestamp
    lastTime = Double(timestamp) * timeBase
    if first == nil { first = lastTime }
    return timestamp
  }

  /// Checks the whole once the stream is read: at least one frame, as many as the container lists
  /// when it lists them, and frames until near the end of the duration it gives (a file cut off
  /// keeps its header's figures).
  func finish(expectedFrames: Int?, duration: Double?) throws(VideoError) {
    guard count > 0, let first else { throw .noFrames }
    if let expectedFrames, count < expectedFrames {
      throw .damaged(detail: "only \(count) of its \(expectedFrames) frames could be decoded")
    }
    if let duration {
      let shown = lastTime - first + (lastTime - first) / Double(max(count - 1, 1))
      if duration - shown > max(1, duration / 10) {
        throw .damaged(
          detail: "its frames end after \(Self.seconds(shown)) of its \(Self.seconds(duration))")
      }
    }
  }

  /// `value` seconds to a tenth, for messages.
  private static func seconds(_ value: Double) -> String {
    String(format: "%.1f s", value)
  }
}
