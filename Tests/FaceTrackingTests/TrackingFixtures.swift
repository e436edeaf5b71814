import FaceGuardCore
import FaceTracking

/// Small builders the tracking tests share.
enum TrackingFixtures {
  /// The frame size of the synthetic videos.
  static let frameWidth = 1280
  /// The frame height of the synthetic videos.
  static let frameHeight = 720

  /// Options with the detector threshold 0.3 (FaceGuard's default) and the other defaults.
  static func options(
    maxGap: Double = 1, preRoll: Double = 0.5, postRoll: Double = 0.5, margin: Double = 0.1
  ) throws -> TrackingOptions {
    try TrackingOptions(
      threshold: 0.3, maxGap: maxGap, preRoll: preRoll, postRoll: postRoll, margin: margin)
  }

  /// The times of `count` frames at `fps`, starting at `start` seconds.
  static func times(fps: Double, from start: Double = 0, count: Int) -> [Double] {
    (0..<count).map { start + Double($0) / fps }
  }

  /// The tracks a tracker with `options` builds from `sightings`.
  static func tracks(_ sightings: [FrameSightings], options: TrackingOptions) throws -> [Track] {
    var tracker = FaceTracker(options: options)
    for frame in sightings { try tracker.add(frame) }
    return tracker.finish()
  }

  /// The mask plan of `tracks` in the synthetic frame size.
  static func plan(_ tracks: [Track], options: TrackingOptions) throws -> MaskPlan {
    try MaskPlan(
      tracks: tracks, frameWidth: frameWidth, frameHeight: frameHeight, options: options)
  }

  /// One frame's sightings of `boxes`, all with `score`.
  static func sightings(
    frame: Int, time: Double, boxes: [Rect], score: Double = 0.9
  ) -> FrameSightings {
    FrameSightings(
      frame: frame, time: time, faces: boxes.map { Face(box: $0, score: score) })
  }
}
