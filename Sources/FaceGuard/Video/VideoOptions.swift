import FaceRedaction
import FaceTracking
import VideoCodecs
import Watermarking

/// What to do with each video.
public struct VideoOptions: Sendable {
  /// How faces are hidden; `nil` writes no video and only finds the faces' tracks.
  public var redaction: RedactionOptions?
  /// How faces are followed and how long their masks last.
  public var tracking: TrackingOptions
  /// Detection runs on every `detectEvery`-th frame (1: every frame); tracking covers the frames
  /// between.
  public var detectEvery: Int
  /// How the anonymized copy is written.
  public var render: VideoRenderOptions
  /// Bounds the video is checked against before its frames are decoded.
  public var limits: VideoLimits
  /// The mark stamped on every frame of the anonymized copy; `nil` for none.
  public var watermark: Watermark?

  /// Creates options.
  public init(
    redaction: RedactionOptions?, tracking: TrackingOptions, detectEvery: Int,
    render: VideoRenderOptions, limits: VideoLimits, watermark: Watermark? = nil
  ) {
    self.redaction = redaction
    self.tracking = tracking
    self.detectEvery = detectEvery
    self.render = render
    self.limits = limits
    self.watermark = watermark
  }
}
