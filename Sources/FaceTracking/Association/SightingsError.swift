/// Why ``FaceTracker`` refuses a frame's sightings. Nothing is added when it throws.
public enum SightingsError: Error, Equatable, CustomStringConvertible {
  /// The frame's time is infinite or not a number.
  case timeNotFinite(frame: Int)
  /// The frame comes before one already added: sightings must be added in presentation order.
  case outOfOrder(frame: Int, time: Double, latestTime: Double)
  /// A face (by its position in the frame's list) has a non-finite or empty box, or a score that
  /// is not a number.
  case invalidFace(frame: Int, face: Int)

  /// A sentence a user understands.
  public var description: String {
    switch self {
    case .timeNotFinite(let frame):
      "frame \(frame) has no valid presentation time"
    case .outOfOrder(let frame, let time, let latestTime):
      "frame \(frame) at \(time) s comes before a frame already tracked at \(latestTime) s; "
        + "frames must be tracked in presentation order"
    case .invalidFace(let frame, let face):
      "frame \(frame), face \(face): the box must have finite edges and a positive size, and "
        + "the score must be a number"
    }
  }
}
