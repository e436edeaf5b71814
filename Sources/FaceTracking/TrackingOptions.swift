/// How faces are followed through a video and how long their masks last. Times are in seconds
/// of presentation time, never in frames, so a clip masks the same span at any frame rate.
///
/// Every value is checked when the options are made, so a ``FaceTracker`` or ``MaskPlan`` never
/// sees an invalid one.
public struct TrackingOptions: Sendable, Equatable {
  /// Detections at or above this score start a track (and extend one): the detector's threshold.
  public let threshold: Double
  /// Detections from this score up to ``threshold`` only extend a track that already exists, so
  /// a face the detector grows unsure of stays masked without weak false alarms starting tracks.
  public let extendThreshold: Double
  /// A track ends when it has not been seen for longer than this many seconds.
  public let maxGap: Double
  /// Seconds a track is masked before its first sighting: a face is usually in view a moment
  /// before the detector is sure of it.
  public let preRoll: Double
  /// Seconds a track is masked after its last sighting.
  public let postRoll: Double
  /// Every region to hide grows by this fraction of its width and height (half on each side),
  /// for the detector's frame-to-frame jitter. The redactor scales boxes by its own mask scale
  /// as well, so this stays small.
  public let margin: Double

  /// The largest ``maxGap``, ``preRoll`` and ``postRoll`` accepted, in seconds.
  public static let longestSpan = 10.0

  /// Creates options, checking every value.
  ///
  /// - Parameters:
  ///   - threshold: the detector's threshold, 0...1.
  ///   - extendThreshold: 0...`threshold`; `nil` for half of `threshold`.
  ///   - maxGap: seconds, above 0 and at most 10. The default 1 s bridges a person walking
  ///     behind a lamp post or turning away, but not a scene change.
  ///   - preRoll: seconds, 0...10; 0.5 s by default.
  ///   - postRoll: seconds, 0...10; 0.5 s by default.
  ///   - margin: fraction 0...1; 0.1 by default.
  /// - Throws: ``TrackingOptionsError`` naming the first value out of range.
  public init(
    threshold: Double, extendThreshold: Double? = nil, maxGap: Double = 1,
    preRoll: Double = 0.5, postRoll: Double = 0.5, margin: Double = 0.1
  ) throws(TrackingOptionsError) {
    let extendThreshold = extendThreshold ?? threshold / 2
    let longest = Self.longestSpan
    let seconds = "seconds from 0 to \(Int(longest))"
    try Self.check(.threshold, threshold, "a score from 0 to 1") { (0...1).contains($0) }
    try Self.check(
      .extendThreshold, extendThreshold, "a score from 0 to the threshold \(threshold)"
    ) {
      (0...threshold).contains($0)
    }
    try Self.check(.maxGap, maxGap, "seconds above 0, at most \(Int(longest))") {
      $0 > 0 && $0 <= longest
    }
    try Self.check(.preRoll, preRoll, seconds) { (0...longest).contains($0) }
    try Self.check(.postRoll, postRoll, seconds) { (0...longest).contains($0) }
    try Self.check(.margin, margin, "a fraction from 0 to 1") { (0...1).contains($0) }
    self.threshold = threshold
    self.extendThreshold = extendThreshold
    self.maxGap = maxGap
    self.preRoll = preRoll
    self.postRoll = postRoll
    self.margin = margin
  }

  private static func check(
    _ option: TrackingOptionsError.Option, _ value: Double, _ expected: String,
    isAllowed: (Double) -> Bool
  ) throws(TrackingOptionsError) {
    guard value.isFinite, isAllowed(value) else {
      throw .outOfRange(option, value: value, expected: expected)
    }
  }
}
