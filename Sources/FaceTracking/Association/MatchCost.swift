import FaceGuardCore

/// How well a sighting fits a live track, or that it cannot be the track's face at all.
///
/// The cost is the centre distance in box sizes plus one minus the overlap (IoU), measured
/// against whichever fits better of the box the track's motion model expects at the sighting's
/// time and the box it was last seen in (so a face that stops dead is not lost to a stale
/// velocity).
///
/// Gates refuse a sighting more than twice or half the track's size, or farther than the face
/// can have strayed from there in the time `t` since it was last seen:
/// `baseReach + speedDoubt * t + maxAcceleration * t² / 2` box sizes. `speedDoubt` is how
/// unsure the fitted velocity is: `velocityJitter` over the time the fit spans, at least
/// `minSpeedDoubt` (the velocity changes within that time too) and at most `maxSpeed` (so a
/// track seen once may be found wherever a fast face could be). A scene cut
/// that puts a face elsewhere in the next frame therefore starts a new track instead of
/// stretching one across the frame, and a fast face going out of view does not take over
/// another face that comes into view near where it was heading, while a face seen again after
/// an occlusion of a second is still joined to its track.
enum MatchCost {
  /// How far, in box sizes, a sighting may be from where its track was expected at no time
  /// elapsed: detector jitter and boxes that change shape.
  static let baseReach = 0.5
  /// How far, in box sizes, the positions a velocity is fitted to may be off, together.
  static let velocityJitter = 0.2
  /// The least a fitted velocity is doubted by, in box sizes per second.
  static let minSpeedDoubt = 1.0
  /// The fastest a face is expected to move, in box sizes per second.
  static let maxSpeed = 15.0
  /// The largest change of velocity expected, in box sizes per second per second.
  static let maxAcceleration = 16.0
  /// The largest size ratio (by side length) between a track and a sighting of the same face.
  static let maxSizeRatio = 2.0

  /// The cost of joining `sighting`, seen at `time`, to the track moving as `motion`; `nil`
  /// when a gate refuses it.
  static func cost(sighting: Rect, at time: Double, motion: MotionModel) -> Double? {
    let expected = motion.box(at: time)
    let lastSeen = motion.anchor.box
    let sizeRatio = min(sighting.sizeRatio(to: expected), sighting.sizeRatio(to: lastSeen))
    guard sizeRatio <= maxSizeRatio else { return nil }
    let elapsed = time - motion.anchor.time
    let fitted = motion.span > 0 ? velocityJitter / motion.span : maxSpeed
    let speedDoubt = min(max(fitted, minSpeedDoubt), maxSpeed)
    let reach = baseReach + speedDoubt * elapsed + maxAcceleration * elapsed * elapsed / 2
    let distance = min(sighting.centreDistance(to: expected), sighting.centreDistance(to: lastSeen))
    guard distance <= reach else { return nil }
    let overlap = max(
      sighting.intersectionOverUnion(expected), sighting.intersectionOverUnion(lastSeen))
    return distance + (1 - overlap)
  }
}
