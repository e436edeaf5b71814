import FaceGuardCore

/// Pass 1 of video masking: follows faces through a video's detections and builds one
/// ``Track`` per face.
///
/// Add each analysed frame's sightings in presentation order (every frame, or every k-th; the
/// spacing may be uneven), then call ``finish()``. Frames are not kept, only the points of the
/// tracks, so memory grows with the sightings alone.
///
/// A sighting at or above ``TrackingOptions/threshold`` joins the live track it fits best (see
/// ``MatchCost``) or starts a new track; one from ``TrackingOptions/extendThreshold`` up to the
/// threshold can only join a track, after the confident sightings have been placed. A track
/// ends when it has gone unseen for longer than ``TrackingOptions/maxGap``.
public struct FaceTracker: Sendable {
  /// The options in use.
  public let options: TrackingOptions
  private var open: [OpenTrack] = []
  private var ended: [Track] = []
  private var nextID = 1
  private var latestTime: Double?

  /// Creates a tracker with no tracks.
  public init(options: TrackingOptions) {
    self.options = options
  }

  /// Adds one analysed frame's sightings.
  ///
  /// - Throws: ``SightingsError`` when the frame's time is not finite or comes before a frame
  ///   already added, or a face's box or score is not valid; the tracker is then unchanged.
  public mutating func add(_ sightings: FrameSightings) throws(SightingsError) {
    try check(sightings)
    let time = sightings.time
    latestTime = time
    endTracks(unseenSince: time - options.maxGap)
    let faces = sightings.faces
    let confident = faces.indices.filter { faces[$0].score >= options.threshold }
    let unsure = faces.indices.filter {
      faces[$0].score >= options.extendThreshold && faces[$0].score < options.threshold
    }
    let motions = open.map(\.motion)
    func cost(track: Int, face: Int) -> Double? {
      MatchCost.cost(sighting: faces[face].box, at: time, motion: motions[track])
    }
    let confidentPairs = GreedyMatching.pairs(
      tracks: Array(open.indices), sightings: confident, cost: cost)
    let matched = Set(confidentPairs.map(\.track))
    let unsurePairs = GreedyMatching.pairs(
      tracks: open.indices.filter { !matched.contains($0) }, sightings: unsure, cost: cost)
    for (track, face) in confidentPairs + unsurePairs {
      open[track].extend(with: point(faces[face], in: sightings))
    }
    let joined = Set(confidentPairs.map(\.sighting))
    for face in confident where !joined.contains(face) {
      open.append(OpenTrack(id: nextID, first: point(faces[face], in: sightings)))
      nextID += 1
    }
  }

  /// Where the face of each track still live at `time` is expected then (its motion model's
  /// box): the places a detector should look at again.
  public func expectedBoxes(at time: Double) -> [Rect] {
    open.filter { $0.lastTime >= time - options.maxGap }.map { $0.motion.box(at: time) }
  }

  /// Ends every track and returns all of them, ordered by id (the order they started in). The
  /// tracker is empty afterwards and numbers new tracks from 1 again.
  public mutating func finish() -> [Track] {
    let tracks = (ended + open.map(\.track)).sorted { $0.id < $1.id }
    self = FaceTracker(options: options)
    return tracks
  }

  private mutating func endTracks(unseenSince cutoff: Double) {
    ended += open.filter { $0.lastTime < cutoff }.map(\.track)
    open.removeAll { $0.lastTime < cutoff }
  }

  private func point(_ face: Face, in sightings: FrameSightings) -> TrackPoint {
    TrackPoint(frame: sightings.frame, time: sightings.time, box: face.box, score: face.score)
  }

  private func check(_ sightings: FrameSightings) throws(SightingsError) {
    guard sightings.time.isFinite else { throw .timeNotFinite(frame: sightings.frame) }
    if let latestTime, sightings.time < latestTime {
      throw .outOfOrder(frame: sightings.frame, time: sightings.time, latestTime: latestTime)
    }
    for (index, face) in sightings.faces.enumerated() {
      let box = face.box
      let finite = [box.x, box.y, box.width, box.height].allSatisfy(\.isFinite)
      guard finite, box.width > 0, box.height > 0, !face.score.isNaN else {
        throw .invalidFace(frame: sightings.frame, face: index)
      }
    }
  }
}
