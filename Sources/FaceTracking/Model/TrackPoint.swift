import FaceGuardCore

/// Where a track's face was at one moment: a sighting the tracker kept, or a keyframe a person
/// wrote into a tracks file.
public struct TrackPoint: Sendable, Equatable, Codable {
  /// The decode-order index of the frame it was seen in; `nil` for a hand-written keyframe that
  /// gives only a time.
  public var frame: Int?
  /// Presentation time in seconds.
  public var time: Double
  /// The face box in pixels of the upright frame.
  public var box: Rect
  /// Detector confidence in 0...1 (1 for a hand-written keyframe without one).
  public var score: Double

  /// Creates a point.
  public init(frame: Int?, time: Double, box: Rect, score: Double) {
    self.frame = frame
    self.time = time
    self.box = box
    self.score = score
  }
}
