import FaceGuardCore
import FaceTracking
import Testing

/// The rule video masking exists for: a frame the detector missed must never show a face.
@Suite struct FailClosedTests {
  /// The stretches a face must be hidden in: each from a confident detection through every
  /// later detection, confident or not, that comes at most `maxGap` after the one before it.
  private func detectedSpans(
    _ detections: [(time: Double, confident: Bool)], maxGap: Double
  ) -> [ClosedRange<Double>] {
    var spans: [ClosedRange<Double>] = []
    var current: ClosedRange<Double>?
    for detection in detections {
      if let span = current, detection.time - span.upperBound <= maxGap {
        current = span.lowerBound...detection.time
      } else {
        if let span = current { spans.append(span) }
        current = detection.confident ? detection.time...detection.time : nil
      }
    }
    if let span = current { spans.append(span) }
    return spans
  }

  @Test(arguments: 1...60 as ClosedRange<UInt64>)
  func everyFrameBetweenDetectionsHidesTheFace(seed: UInt64) throws {
    let options = try TrackingFixtures.options()
    let clip = SyntheticClip(seed: seed, options: options)
    let plan = try TrackingFixtures.plan(
      try TrackingFixtures.tracks(clip.sightings, options: options), options: options)
    let frame = Rect(
      x: 0, y: 0, width: Double(TrackingFixtures.frameWidth),
      height: Double(TrackingFixtures.frameHeight))
    let spans = clip.faces.map { detectedSpans($0.detections, maxGap: options.maxGap) }
    var checked = 0
    for (index, time) in clip.times.enumerated() {
      let regions = plan.regions(at: time)
      for (number, face) in clip.faces.enumerated() {
        let visible = face.truth[index].intersection(frame)
        guard visible.area > 0, spans[number].contains(where: { $0.contains(time) }) else {
          continue
        }
        checked += 1
        let covered = Coverage.fraction(of: visible, by: regions)
        #expect(covered >= 0.95, "seed \(seed), face \(number) at \(time) s: \(covered) hidden")
      }
      let trueArea = clip.faces.reduce(0) { $0 + $1.truth[index].area }
      let maskedArea = regions.reduce(0) { $0 + $1.area }
      #expect(
        maskedArea <= 6 * trueArea,
        "seed \(seed) at \(time) s: \(maskedArea) px² masked for \(trueArea) px² of faces")
    }
    #expect(checked > 0 || clip.faces.allSatisfy { !$0.detections.contains(where: \.confident) })
  }
}
