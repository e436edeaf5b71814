import FaceGuardCore
import FaceTracking
import Foundation
import TestSupport

/// A made-up video: up to three faces of 20-300 px moving along curving paths at steady or fast
/// speeds, some entering from an edge, filmed at an uneven frame rate, and what a jittery
/// detector reports on the analysed frames (every frame, or every 2nd or 3rd): boxes a few
/// percent off, scores that wander, some below the threshold but above the extend threshold,
/// random single misses and occlusions of up to 0.4 s.
struct SyntheticClip {
  /// One face's true boxes and when the detector reported it.
  struct Subject {
    /// The true box in every frame (possibly partly or wholly outside the frame).
    var truth: [Rect] = []
    /// The times of its detections, with whether each reached the threshold.
    var detections: [(time: Double, confident: Bool)] = []
  }

  /// Every frame's presentation time.
  private(set) var times: [Double] = []
  /// The faces.
  private(set) var faces: [Subject] = []
  /// The sightings of the analysed frames, in time order.
  private(set) var sightings: [FrameSightings] = []

  private static let width = Double(TrackingFixtures.frameWidth)
  private static let height = Double(TrackingFixtures.frameHeight)

  /// The clip of `seed`, with detections scored against `options`' thresholds.
  init(seed: UInt64, options: TrackingOptions) {
    var random = SeededGenerator(seed: seed)
    let fps = [24.0, 25, 30, 50, 60].randomElement(using: &random)!
    let duration = Double.random(in: 3...7, using: &random)
    var time = 0.0
    while time < duration {
      times.append(time)
      time += Double.random(in: 0.5...1.5, using: &random) / fps
    }
    faces = (0..<Int.random(in: 1...3, using: &random)).map { _ in
      Subject(truth: Self.path(times: times, random: &random))
    }
    let stride = [1, 1, 2, 3].randomElement(using: &random)!
    var occludedUntil = [Double](repeating: -.infinity, count: faces.count)
    for frame in Swift.stride(from: 0, to: times.count, by: stride) {
      var seen: [Face] = []
      for face in faces.indices {
        let time = times[frame]
        let truth = faces[face].truth[frame]
        if Double.random(in: 0..<1, using: &random) < 0.03 {
          occludedUntil[face] = time + Double.random(in: 0.05...0.4, using: &random)
        }
        let visible = truth.intersection(Rect(x: 0, y: 0, width: Self.width, height: Self.height))
        guard time >= occludedUntil[face], visible.area >= truth.area / 2,
          Double.random(in: 0..<1, using: &random) >= 0.1
        else { continue }
        let detection = Self.detect(visible, options: options, random: &random)
        seen.append(detection)
        faces[face].detections.append((time, detection.score >= options.threshold))
      }
      sightings.append(FrameSightings(frame: frame, time: times[frame], faces: seen))
    }
  }

  /// The true boxes of one face: a size from 20 to 300 px that slowly grows or shrinks, a speed
  /// of up to 3 box sizes per second (or, for three faces in ten, 5 to 10), a heading that
  /// turns and a speed that swells and ebbs; three in ten start outside an edge heading in.
  private static func path(times: [Double], random: inout SeededGenerator) -> [Rect] {
    let size = exp(Double.random(in: log(20)...log(300), using: &random))
    let aspect = Double.random(in: 1.1...1.35, using: &random)
    let growth = Double.random(in: -0.1...0.1, using: &random)
    let fast = Double.random(in: 0..<1, using: &random) < 0.3
    let speed = size * Double.random(in: fast ? 5...10 : 0...3, using: &random)
    let turn = Double.random(in: -0.8...0.8, using: &random)
    let phase = Double.random(in: 0..<(2 * .pi), using: &random)
    var heading = Double.random(in: 0..<(2 * .pi), using: &random)
    var x = Double.random(in: 0...width, using: &random)
    var y = Double.random(in: 0...height, using: &random)
    if Double.random(in: 0..<1, using: &random) < 0.3 {
      let edge = Int.random(in: 0..<4, using: &random)
      switch edge {
      case 0: x = -0.6 * size
      case 1: y = -0.6 * size * aspect
      case 2: x = width + 0.6 * size
      default: y = height + 0.6 * size * aspect
      }
      heading = Double(edge) * .pi / 2 + Double.random(in: -0.7...0.7, using: &random)
    }
    var boxes: [Rect] = []
    for (index, time) in times.enumerated() {
      let side = size * exp(growth * time)
      boxes.append(
        Rect(x: x - side / 2, y: y - side * aspect / 2, width: side, height: side * aspect))
      let step = (index + 1 < times.count ? times[index + 1] : time) - time
      let pace = speed * (1 + 0.3 * sin(1.3 * time + phase))
      x += pace * cos(heading) * step
      y += pace * sin(heading) * step
      heading += turn * step
    }
    return boxes
  }

  /// What the detector reports for the visible part of a face.
  private static func detect(
    _ visible: Rect, options: TrackingOptions, random: inout SeededGenerator
  ) -> Face {
    let jitter = 0.03
    let box = Rect(
      x: visible.x + visible.width * Double.random(in: -jitter...jitter, using: &random),
      y: visible.y + visible.height * Double.random(in: -jitter...jitter, using: &random),
      width: visible.width * Double.random(in: 0.95...1.05, using: &random),
      height: visible.height * Double.random(in: 0.95...1.05, using: &random))
    let unsure = Double.random(in: 0..<1, using: &random) < 0.15
    let score =
      unsure
      ? Double.random(in: options.extendThreshold..<options.threshold, using: &random)
      : Double.random(in: options.threshold...1, using: &random)
    return Face(box: box, score: score)
  }
}
