/// One face followed through a video: its points, sorted by time.
///
/// Every track is valid by construction: it has at least one point, and every point has finite
/// numbers, a positive size and a score in 0...1, so masking never has to second-guess it.
public struct Track: Sendable, Equatable {
  /// The track's number, unique in a tracks file.
  public let id: Int
  /// The points, sorted by time (points with equal times keep the order they were given in).
  public let points: [TrackPoint]

  /// Creates a track, sorting `points` by time.
  ///
  /// - Throws: ``TrackError`` naming the first point (by its position in `points`) that is wrong.
  public init(id: Int, points: [TrackPoint]) throws(TrackError) {
    guard !points.isEmpty else { throw .noPoints(track: id) }
    for (index, point) in points.enumerated() {
      try Self.check(point, track: id, index: index)
    }
    self.init(validID: id, sortedPoints: points.sorted { $0.time < $1.time })
  }

  /// A track from points already known to be valid and sorted, as the tracker builds them.
  init(validID id: Int, sortedPoints points: [TrackPoint]) {
    self.id = id
    self.points = points
  }

  /// The time of the first point.
  public var start: Double { points[0].time }
  /// The time of the last point.
  public var end: Double { points[points.count - 1].time }

  private static func check(_ point: TrackPoint, track: Int, index: Int) throws(TrackError) {
    let box = point.box
    let fields = [
      ("time", point.time), ("x", box.x), ("y", box.y), ("w", box.width), ("h", box.height),
      ("score", point.score),
    ]
    for (field, value) in fields where !value.isFinite {
      throw .notFinite(track: track, point: index, field: field)
    }
    for (field, value) in [("w", box.width), ("h", box.height)] where value <= 0 {
      throw .notPositive(track: track, point: index, field: field, value: value)
    }
    guard (0...1).contains(point.score) else {
      throw .scoreOutOfRange(track: track, point: index, score: point.score)
    }
  }
}
