/// A track the tracker may still extend.
struct OpenTrack: Sendable {
  /// The track's number.
  let id: Int
  /// Its points so far, in time order.
  private(set) var points: [TrackPoint]

  /// A track starting at `point`.
  init(id: Int, first point: TrackPoint) {
    self.id = id
    points = [point]
  }

  /// When it was last seen.
  var lastTime: Double { points[points.count - 1].time }

  /// How it has been moving lately.
  var motion: MotionModel { MotionModel(endOf: points) }

  /// Adds a sighting at or after ``lastTime``.
  mutating func extend(with point: TrackPoint) {
    points.append(point)
  }

  /// The finished track.
  var track: Track { Track(validID: id, sortedPoints: points) }
}
