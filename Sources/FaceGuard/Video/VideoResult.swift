import FaceTracking
import VideoCodecs

/// The outcome of one video.
public struct VideoResult: Sendable {
  /// What the file said about its video stream.
  public var properties: VideoProperties
  /// Frames in the video.
  public var frames: Int
  /// Frames the detector ran on.
  public var analysedFrames: Int
  /// The faces followed through the video, in pixels of the upright frame.
  public var tracks: [Track]
  /// Frames in which something was hidden (0 when no video was written).
  public var redactedFrames: Int
  /// The codec of the video stream written, `nil` when no video was written.
  public var codec: VideoCodec?
  /// Milliseconds spent finding and following faces (pass 1).
  public var analyseMilliseconds: Double
  /// Milliseconds spent writing the anonymized copy (pass 2).
  public var renderMilliseconds: Double
  /// What of the input's metadata the copy does not carry, by name only (`container tag
  /// location`); empty when no copy was written.
  public var removedMetadata: [String] = []
}
