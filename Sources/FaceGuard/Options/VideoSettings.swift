import FaceRedaction
import FaceTracking
import VideoCodecs

/// What a person chooses about how each video is written, besides the photo settings that decide
/// how faces are hidden.
public struct VideoSettings: Sendable, Equatable {
  /// The codec of the re-encoded video stream; `nil` picks H.264 (VP9 for WebM).
  public var codec: VideoCodec?
  /// The constant-quality level; `nil` uses the codec's visually close default.
  public var crf: Int?
  /// Whether the audio streams are dropped.
  public var dropsAudio = false
  /// Detection runs on every `detectEvery`-th frame.
  public var detectEvery = 3

  /// The smallest face height a video is searched for unless `--min-face` says otherwise: the
  /// plan then looks at faces of 20 px and up (the smallest a person can be recognised by in
  /// footage) at more than full resolution, where the detector scores them high enough to start
  /// or extend a track in every analysed frame (at 16 px a 20 px face scored 0.13 and leaked in
  /// all 120 frames of a composed clip; at 12 px it scored 0.40 and no frame leaked).
  public static let defaultMinimumFace = 12.0

  /// FaceGuard's defaults.
  public init() {}

  /// Checks every value against the range of its setting.
  ///
  /// - Throws: ``SettingError`` for the first value out of range.
  public func validate() throws(SettingError) {
    if let crf { _ = try Setting.crf.checked(crf) }
    _ = try Setting.detectEvery.checked(detectEvery)
  }

  /// The video pipeline's options for these settings and the photo settings `photo`.
  ///
  /// - Parameters:
  ///   - defaultThreshold: the threshold when the photo settings give none (the model's default).
  ///   - maxPixels: the largest accepted frame.
  public func videoOptions(photo: PhotoSettings, defaultThreshold: Double, maxPixels: Int) throws
    -> VideoOptions
  {
    VideoOptions(
      redaction: photo.redaction,
      tracking: try TrackingOptions(threshold: photo.threshold ?? defaultThreshold),
      detectEvery: detectEvery,
      render: VideoRenderOptions(
        codec: codec, quality: crf, keepsAudio: !dropsAudio,
        metadata: photo.keepMetadata ? .keepSafe : .stripAll),
      limits: VideoLimits(maxPixels: maxPixels), watermark: photo.mark)
  }
}
