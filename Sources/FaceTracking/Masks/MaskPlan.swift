import FaceGuardCore

/// Pass 2 of video masking: which regions to hide in each frame, decided with the whole video's
/// tracks known, past and future alike.
///
/// A track is masked from ``TrackingOptions/preRoll`` seconds before its first point to
/// ``TrackingOptions/postRoll`` seconds after its last, along its whole path in between,
/// including stretches the detector missed (see ``regions(at:)``). This fails closed: a frame
/// the detector missed between two sightings of a face still hides it.
///
/// Tracks are indexed by time, so a query costs O(log n + tracks masked then) and a whole
/// long video plans quickly.
public struct MaskPlan: Sendable {
  /// The frame width in pixels.
  public let frameWidth: Int
  /// The frame height in pixels.
  public let frameHeight: Int
  private let tracks: [PlannedTrack]
  private let index: IntervalIndex
  private let growth: Double

  /// Plans the masks of `tracks` in frames of `frameWidth` x `frameHeight` pixels, with the
  /// pre-roll, post-roll and margin of `options`.
  ///
  /// - Throws: ``MaskPlanError`` when the frame size is not positive.
  public init(tracks: [Track], frameWidth: Int, frameHeight: Int, options: TrackingOptions)
    throws(MaskPlanError)
  {
    guard frameWidth > 0, frameHeight > 0 else {
      throw .invalidFrameSize(width: frameWidth, height: frameHeight)
    }
    self.frameWidth = frameWidth
    self.frameHeight = frameHeight
    let planned = tracks.map {
      PlannedTrack($0, preRoll: options.preRoll, postRoll: options.postRoll)
    }
    self.tracks = planned
    index = IntervalIndex(planned.map { ($0.start, $0.end) })
    growth = 1 + options.margin
  }

  /// Every region to hide in the frame shown at `time` (seconds of presentation time), in
  /// pixels of the upright frame: for each track masked then, the boxes covering it (its box at
  /// a sighting; the box interpolated between the sightings before and after plus both of
  /// theirs in between; the first or last box held and predicted before or after), each grown
  /// by the margin and clipped to the frame. Regions may overlap; exact duplicates and regions
  /// wholly outside the frame are left out. A time that is not finite cannot be placed among the
  /// tracks, so the whole frame is returned.
  public func regions(at time: Double) -> [Rect] {
    let width = Double(frameWidth)
    let height = Double(frameHeight)
    guard time.isFinite else { return [Rect(x: 0, y: 0, width: width, height: height)] }
    var covering: [Rect] = []
    for track in index.items(containing: time) {
      tracks[track].appendBoxes(at: time, to: &covering)
    }
    var regions: [Rect] = []
    for box in covering {
      let region = box.scaled(by: growth).clipped(width: width, height: height)
      if region.area > 0, !regions.contains(region) { regions.append(region) }
    }
    return regions
  }
}
