/// Pairs tracks with sightings best-first: the cheapest allowed pair is joined, both leave the
/// pool, and so on until no allowed pair is left.
///
/// Best-first rather than an optimal (Hungarian) assignment because the gates leave only a few
/// candidates per face, where both nearly always agree, and because for hiding faces a
/// different pairing is never a leak: a sighting either extends some track or starts its own,
/// and every track is masked along its whole path. Greedy is simple, deterministic and
/// O(n log n) in the allowed pairs.
enum GreedyMatching {
  /// The chosen (track, sighting) pairs among `tracks` and `sightings` (indices), given the cost
  /// of each pair or `nil` when it is not allowed. Ties go to the lower track, then sighting.
  static func pairs(
    tracks: [Int], sightings: [Int], cost: (_ track: Int, _ sighting: Int) -> Double?
  ) -> [(track: Int, sighting: Int)] {
    var candidates: [(cost: Double, track: Int, sighting: Int)] = []
    for track in tracks {
      for sighting in sightings {
        if let value = cost(track, sighting) { candidates.append((value, track, sighting)) }
      }
    }
    candidates.sort { ($0.cost, $0.track, $0.sighting) < ($1.cost, $1.track, $1.sighting) }
    var usedTracks = Set<Int>()
    var usedSightings = Set<Int>()
    var chosen: [(track: Int, sighting: Int)] = []
    for candidate in candidates
    where !usedTracks.contains(candidate.track) && !usedSightings.contains(candidate.sighting) {
      usedTracks.insert(candidate.track)
      usedSightings.insert(candidate.sighting)
      chosen.append((candidate.track, candidate.sighting))
    }
    return chosen
  }
}
