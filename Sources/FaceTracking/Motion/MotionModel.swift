import FaceGuardCore

/// Constant-velocity motion of a face box: its centre and size change at steady rates per
/// second, fitted by least squares to a few points near one end of a track. Time-based, so
/// uneven frame spacing (variable frame rate, detection every k-th frame) changes nothing.
struct MotionModel: Sendable {
  /// How many points near the anchor the rates are fitted to.
  static let fittedPoints = 8
  /// How far from the anchor, in seconds, points are used for the fit.
  static let fittedSpan = 1.0
  /// The most a predicted side may grow or shrink, as a factor of the anchor's.
  static let sizeChangeLimit = 1.5

  /// The point predictions start from.
  let anchor: TrackPoint
  /// The time between the earliest and latest point the rates were fitted to: 0 for a single
  /// point, which gives no velocity; the longer, the surer the rates.
  let span: Double
  /// Centre x, centre y, width and height change per second.
  private let rates: (midX: Double, midY: Double, width: Double, height: Double)

  /// The motion at the end of `points` (not empty; the last point is the anchor), for
  /// predicting forwards.
  init(endOf points: [TrackPoint]) {
    let anchor = points[points.count - 1]
    let near = points.suffix(Self.fittedPoints).filter {
      anchor.time - $0.time <= Self.fittedSpan
    }
    self.init(anchor: anchor, fitted: near)
  }

  /// The motion at the start of `points` (not empty; the first point is the anchor), for
  /// predicting backwards.
  init(startOf points: [TrackPoint]) {
    let anchor = points[0]
    let near = points.prefix(Self.fittedPoints).filter {
      $0.time - anchor.time <= Self.fittedSpan
    }
    self.init(anchor: anchor, fitted: near)
  }

  private init(anchor: TrackPoint, fitted points: [TrackPoint]) {
    self.anchor = anchor
    let times = points.map(\.time)
    span = (times.max() ?? anchor.time) - (times.min() ?? anchor.time)
    rates = (
      Self.slope(times, points.map(\.box.midX)), Self.slope(times, points.map(\.box.midY)),
      Self.slope(times, points.map(\.box.width)), Self.slope(times, points.map(\.box.height))
    )
  }

  /// The box expected at `time`: the anchor's box moved and resized at the fitted rates, each
  /// side kept within ``sizeChangeLimit`` of the anchor's, and the centre moved at most
  /// `maxShift` box sizes along each axis (the direction kept).
  func box(at time: Double, maxShift: Double = .infinity) -> Rect {
    let elapsed = time - anchor.time
    let held = anchor.box
    var dx = rates.midX * elapsed
    var dy = rates.midY * elapsed
    let limit = min(1, maxShift * held.width / abs(dx), maxShift * held.height / abs(dy))
    if limit < 1 {
      dx *= limit
      dy *= limit
    }
    let grow = Self.sizeChangeLimit
    return Rect(
      midX: held.midX + dx, midY: held.midY + dy,
      width: min(max(held.width + rates.width * elapsed, held.width / grow), held.width * grow),
      height: min(max(held.height + rates.height * elapsed, held.height / grow), held.height * grow)
    )
  }

  /// The least-squares slope of `values` over `times`; 0 when the times do not spread.
  private static func slope(_ times: [Double], _ values: [Double]) -> Double {
    let meanTime = times.reduce(0, +) / Double(times.count)
    let meanValue = values.reduce(0, +) / Double(values.count)
    var covariance = 0.0
    var variance = 0.0
    for (time, value) in zip(times, values) {
      covariance += (time - meanTime) * (value - meanValue)
      variance += (time - meanTime) * (time - meanTime)
    }
    return variance > 1e-12 ? covariance / variance : 0
  }
}
