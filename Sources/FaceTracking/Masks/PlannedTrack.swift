import FaceGuardCore

/// One track as masking needs it: when it is masked and which boxes cover it at a given time.
struct PlannedTrack: Sendable {
  /// How much boxes held or predicted before the first or after the last point grow, as a
  /// fraction of their size per second away from that point: the longer the face has not been
  /// seen, the less sure where it is.
  static let uncertaintyPerSecond = 0.4
  /// How much the box interpolated between two points grows at the middle of the stretch, as a
  /// fraction of its size for every box size the face moved from one point to the other (less
  /// nearer either point): a face seldom keeps an even pace or a straight line.
  static let pathUncertainty = 0.15
  /// The most either growth adds, as a fraction of the box size.
  static let maxUncertainty = 0.5
  /// How far, in box sizes, a prediction beyond either end may move from the held box, so a
  /// long roll never runs away with the face's last velocity.
  static let maxPredictedShift = 1.0

  /// The first moment the track is masked.
  let start: Double
  /// The last moment the track is masked.
  let end: Double
  private let times: [Double]
  private let boxes: [Rect]
  private let head: MotionModel
  private let tail: MotionModel

  /// The plan of `track`, masked `preRoll` seconds before its first point and `postRoll`
  /// seconds after its last.
  init(_ track: Track, preRoll: Double, postRoll: Double) {
    times = track.points.map(\.time)
    boxes = track.points.map(\.box)
    head = MotionModel(startOf: track.points)
    tail = MotionModel(endOf: track.points)
    start = track.start - preRoll
    end = track.end + postRoll
  }

  /// Appends the boxes that cover the face at `time` (between ``start`` and ``end``):
  /// - at a point's time, that point's box (every point's, when several share the time);
  /// - between two points, the box interpolated between them, grown by ``pathUncertainty``,
  ///   and both points' boxes, so a stretch the detector missed is covered along the whole way
  ///   from one to the other;
  /// - before the first or after the last point, that point's box held and the box the motion
  ///   model predicts, both grown by ``uncertaintyPerSecond`` (up to ``maxUncertainty``).
  func appendBoxes(at time: Double, to covering: inout [Rect]) {
    let next = firstPoint(atOrAfter: time)
    if next < times.count, times[next] == time {
      var same = next
      while same < times.count, times[same] == time {
        covering.append(boxes[same])
        same += 1
      }
    } else if next == 0 {
      covering += predicted(by: head, held: boxes[0], from: times[0], at: time)
    } else if next == times.count {
      covering += predicted(by: tail, held: boxes[next - 1], from: times[next - 1], at: time)
    } else {
      let before = next - 1
      let fraction = (time - times[before]) / (times[next] - times[before])
      let moved = boxes[before].centreDistance(to: boxes[next])
      let doubt = Self.pathUncertainty * moved * 4 * fraction * (1 - fraction)
      let between = boxes[before].interpolated(to: boxes[next], fraction: fraction)
      covering.append(between.scaled(by: 1 + min(doubt, Self.maxUncertainty)))
      covering.append(boxes[before])
      covering.append(boxes[next])
    }
  }

  private func predicted(
    by model: MotionModel, held: Rect, from anchorTime: Double, at time: Double
  ) -> [Rect] {
    let growth = 1 + min(Self.uncertaintyPerSecond * abs(time - anchorTime), Self.maxUncertainty)
    let moved = model.box(at: time, maxShift: Self.maxPredictedShift)
    return [held.scaled(by: growth), moved.scaled(by: growth)]
  }

  /// The index of the first point at or after `time` (the point count when there is none).
  private func firstPoint(atOrAfter time: Double) -> Int {
    var low = 0
    var high = times.count
    while low < high {
      let middle = (low + high) / 2
      if times[middle] < time { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
