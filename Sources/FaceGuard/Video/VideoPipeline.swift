import FaceDetection
import FaceGuardCore
import FaceRedaction
import FaceTracking
import Synchronization
import VideoCodecs

/// Anonymizes a video in two passes with memory bounded whatever its length: pass 1 decodes the
/// video stream, finds the faces on every analysed frame and follows them into tracks (only
/// boxes are kept); pass 2 decodes again and writes every frame with the masks the tracks give
/// for its time, knowing past and future, so a frame the detector missed is masked too.
public struct VideoPipeline: Sendable {
  /// What one pass has done so far.
  public struct Progress: Sendable {
    /// 1 while finding faces, 2 while writing the anonymized copy.
    public var pass: Int
    /// Frames done in this pass.
    public var frames: Int
    /// Frames in the video, when the file says.
    public var totalFrames: Int?
  }

  /// Finds the faces of analysed frames.
  public let detector: any PlannedFaceDetector
  /// What to do with each video.
  public let options: VideoOptions

  /// Creates a pipeline.
  public init(detector: any PlannedFaceDetector, options: VideoOptions) {
    self.detector = detector
    self.options = options
  }

  /// Anonymizes the video at `inputPath` into `outputPath`, written in the container that
  /// `outputName` (the file's final name) names. With `tracks`, hides exactly those (edited by a
  /// person) and runs no detection; without a redaction in the options, only finds the tracks.
  ///
  /// - Throws: ``VideoCodecs/VideoError`` or a detector error; the output is then incomplete.
  public func process(
    _ inputPath: String, to outputPath: String, named outputName: String,
    tracks given: [Track]? = nil, progress: (Progress) -> Void = { _ in }
  ) throws -> VideoResult {
    let start = ContinuousClock.now
    let reader = try VideoFrameReader(path: inputPath, limits: options.limits)
    let properties = reader.properties
    let (tracks, frames, analysed) = try given.map { ($0, 0, 0) } ?? analyse(reader, progress)
    let analysedAt = ContinuousClock.now
    var result = VideoResult(
      properties: properties, frames: frames, analysedFrames: analysed, tracks: tracks,
      redactedFrames: 0, codec: nil, analyseMilliseconds: (analysedAt - start).milliseconds,
      renderMilliseconds: 0)
    guard let redaction = options.redaction else { return result }
    let plan = try MaskPlan(
      tracks: tracks, frameWidth: properties.uprightWidth, frameHeight: properties.uprightHeight,
      options: options.tracking)
    let redactor = TrackRedactor(
      plan: plan, redactor: Redactor(options: redaction), orientation: properties.orientation,
      width: properties.width, height: properties.height, watermark: options.watermark)
    let summary = try VideoRenderer.render(
      inputPath, to: outputPath, named: outputName, options: options.render,
      limits: options.limits, redactor: redactor
    ) { done in
      progress(
        Progress(pass: 2, frames: done, totalFrames: frames > 0 ? frames : properties.frameCount))
    }
    result.frames = summary.frames
    result.redactedFrames = summary.redactedFrames
    result.codec = summary.codec
    result.removedMetadata = summary.removedMetadata
    result.renderMilliseconds = (ContinuousClock.now - analysedAt).milliseconds
    return result
  }

  /// The longest time, in seconds of video, between two searches of the same tile. The whole
  /// frame (large faces) is searched on every analysed frame, and so are the tiles where a live
  /// track expects its face; the other tiles that look at small faces enlarged are dealt out over
  /// the analysed frames of about this span. A face that comes into view is found within it, and
  /// its mask starts ``FaceTracking/TrackingOptions/preRoll`` before it was found.
  public static let tileRevisit = 0.3

  /// How many analysed frames share out the tiles: as many as fit in ``tileRevisit`` (counted
  /// in whole frames at the video's average frame rate), at least 1 (every tile on every
  /// analysed frame, also when the file gives no frame rate).
  static func tileTurns(detectEvery: Int, frameRate: Double?) -> Int {
    guard let frameRate, frameRate > 0 else { return 1 }
    let frames = Int((tileRevisit * frameRate).rounded())
    return max(1, frames / detectEvery)
  }

  /// Pass 1: the tracks of the faces found on every analysed frame, the frame count and the
  /// number of analysed frames. Frames are decoded on this thread while the previous analysed
  /// frame is searched on another.
  private func analyse(_ reader: VideoFrameReader, _ progress: (Progress) -> Void) throws -> (
    [Track], Int, Int
  ) {
    let tracker = Mutex(FaceTracker(options: options.tracking))
    let detector = self.detector
    let threshold = options.tracking.extendThreshold
    let total = reader.properties.frameCount
    let turns = Self.tileTurns(
      detectEvery: options.detectEvery, frameRate: reader.properties.frameRate)
    var frames = 0
    var analysed = 0
    try Handoff.run(
      depth: 2,
      produce: { hand in
        frames = try reader.forEachFrame { frame in
          if frame.index % options.detectEvery == 0 {
            try hand(
              AnalysedFrame(
                index: frame.index, time: frame.time, image: frame.uprightImage(),
                search: analysed))
            analysed += 1
          }
          progress(Progress(pass: 1, frames: frame.index + 1, totalFrames: total))
        }
      },
      consume: { frame in
        let expected = tracker.withLock { $0.expectedBoxes(at: frame.time) }
        let rotation = TileRotation(
          search: frame.search, turns: turns, focus: expected)
        let faces = try detector.detect(in: frame.image, threshold: threshold, rotation: rotation)
        try tracker.withLock { tracker throws in
          try tracker.add(FrameSightings(frame: frame.index, time: frame.time, faces: faces))
        }
      })
    return (tracker.withLock { $0.finish() }, frames, analysed)
  }
}

/// A frame handed from decoding to detection.
private struct AnalysedFrame: Sendable {
  var index: Int
  var time: Double
  var image: Image
  /// How many analysed frames came before.
  var search: Int
}
