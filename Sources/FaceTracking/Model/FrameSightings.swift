import FaceGuardCore

/// The detections of one analysed video frame, the input of ``FaceTracker``.
public struct FrameSightings: Sendable, Equatable, Codable {
  /// The frame's index in decode order; carried into ``TrackPoint/frame``, never used for timing.
  public var frame: Int
  /// The frame's presentation time in seconds. Frames need not be evenly spaced (variable frame
  /// rate); every timing rule works on this time.
  public var time: Double
  /// The faces the detector found, in pixels of the upright frame, with their scores.
  public var faces: [Face]

  /// Creates the sightings of one frame.
  public init(frame: Int, time: Double, faces: [Face]) {
    self.frame = frame
    self.time = time
    self.faces = faces
  }
}
