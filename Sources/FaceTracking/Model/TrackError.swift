/// Why a track is refused. Points are named by their position in the list given (in a tracks
/// file, the track's `frames` array), counting from 0.
public enum TrackError: Error, Equatable, CustomStringConvertible {
  /// The track has no points, so there is nothing to say where its face is.
  case noPoints(track: Int)
  /// A number of a point is infinite or not a number.
  case notFinite(track: Int, point: Int, field: String)
  /// A point's width or height is zero or negative.
  case notPositive(track: Int, point: Int, field: String, value: Double)
  /// A point's score is outside 0...1.
  case scoreOutOfRange(track: Int, point: Int, score: Double)

  /// A sentence a user understands.
  public var description: String {
    switch self {
    case .noPoints(let track):
      "track \(track) has no frames; give at least one, or delete the track"
    case .notFinite(let track, let point, let field):
      "track \(track), frames[\(point)]: \(field) must be a finite number"
    case .notPositive(let track, let point, let field, let value):
      "track \(track), frames[\(point)]: \(field) must be positive, got \(value)"
    case .scoreOutOfRange(let track, let point, let score):
      "track \(track), frames[\(point)]: score must be from 0 to 1, got \(score)"
    }
  }
}
