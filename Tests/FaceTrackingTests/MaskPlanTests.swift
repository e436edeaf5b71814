import FaceGuardCore
import FaceTracking
import TestSupport
import Testing

@Suite struct MaskPlanTests {
  private let box = Rect(x: 400, y: 200, width: 80, height: 100)

  private func track(_ points: [(time: Double, box: Rect)], id: Int = 1) throws -> Track {
    try Track(
      id: id, points: points.map { TrackPoint(frame: nil, time: $0.time, box: $0.box, score: 0.9) })
  }

  private func sameRegions(_ found: [Rect], _ expected: [Rect]) -> Bool {
    found.count == expected.count && expected.allSatisfy { found.contains($0) }
  }

  @Test func oneSightingIsMaskedForThePreAndPostRoll() throws {
    let options = try TrackingFixtures.options()
    let tracks = try TrackingFixtures.tracks(
      [TrackingFixtures.sightings(frame: 0, time: 2, boxes: [box])], options: options)
    let plan = try TrackingFixtures.plan(tracks, options: options)
    for time in [1.5, 1.8, 2, 2.3, 2.5] {
      #expect(Coverage.hides(box, by: plan.regions(at: time)), "at \(time) s")
    }
    #expect(plan.regions(at: 1.49).isEmpty)
    #expect(plan.regions(at: 2.51).isEmpty)
  }

  @Test func rollsAreInSecondsAtAnyFrameRate() throws {
    let options = try TrackingFixtures.options()
    var spans: [Double] = []
    for fps in [24.0, 60.0] {
      let times = TrackingFixtures.times(fps: fps, count: Int(4 * fps))
      let seen = times.enumerated().filter { (1...2).contains($0.element) }.map {
        TrackingFixtures.sightings(frame: $0.offset, time: $0.element, boxes: [box])
      }
      let plan = try TrackingFixtures.plan(
        try TrackingFixtures.tracks(seen, options: options), options: options)
      let masked = times.filter { !plan.regions(at: $0).isEmpty }
      let first = try #require(masked.first)
      let last = try #require(masked.last)
      let firstSeen = seen[0].time
      let lastSeen = seen[seen.count - 1].time
      #expect(abs(firstSeen - first - 0.5) < 1 / fps, "\(fps) fps")
      #expect(abs(last - lastSeen - 0.5) < 1 / fps, "\(fps) fps")
      spans.append(last - first)
    }
    #expect(abs(spans[0] - spans[1]) <= 1.0 / 24)
  }

  @Test func betweenTwoPointsTheInterpolatedBoxAndBothEndsAreHidden() throws {
    let later = Rect(x: 600, y: 260, width: 120, height: 140)
    let plan = try MaskPlan(
      tracks: [try track([(0, box), (1, later)])], frameWidth: 1280, frameHeight: 720,
      options: try TrackingFixtures.options(margin: 0))
    let middle = Rect(x: 450, y: 215, width: 90, height: 110)
    let regions = plan.regions(at: 0.25)
    #expect(regions.count == 3 && regions.contains(box) && regions.contains(later))
    let between = try #require(regions.first { $0 != box && $0 != later })
    #expect(abs(between.midX - middle.midX) < 1e-9 && abs(between.midY - middle.midY) < 1e-9)
    #expect(between.width > middle.width && between.width <= middle.width * 1.5)
    #expect(plan.regions(at: 0) == [box])
    #expect(plan.regions(at: 1) == [later])
  }

  @Test func regionsGrowByTheMarginAndStayInTheFrame() throws {
    let corner = Rect(x: -20, y: 690, width: 60, height: 50)
    let plan = try MaskPlan(
      tracks: [try track([(0, corner)]), try track([(0, box)], id: 2)], frameWidth: 1280,
      frameHeight: 720, options: try TrackingFixtures.options(margin: 0.2))
    #expect(
      sameRegions(
        plan.regions(at: 0),
        [Rect(x: 0, y: 685, width: 46, height: 35), Rect(x: 392, y: 190, width: 96, height: 120)]))
    let outside = try MaskPlan(
      tracks: [try track([(0, Rect(x: 1300, y: 10, width: 40, height: 40))])], frameWidth: 1280,
      frameHeight: 720, options: try TrackingFixtures.options())
    #expect(outside.regions(at: 0).isEmpty)
  }

  @Test func exactDuplicatesAreReturnedOnce() throws {
    let plan = try MaskPlan(
      tracks: [try track([(0, box), (1, box)]), try track([(0, box), (1, box)], id: 2)],
      frameWidth: 1280,
      frameHeight: 720, options: try TrackingFixtures.options(margin: 0))
    #expect(plan.regions(at: 0) == [box])
    #expect(plan.regions(at: 0.5) == [box])
  }

  @Test func aLongPostRollDoesNotRunAwayWithTheLastVelocity() throws {
    let points = (0..<10).map { (Double($0) / 30, box.offsetBy(x: 30 * Double($0))) }
    let plan = try MaskPlan(
      tracks: [try track(points)], frameWidth: 4000, frameHeight: 720,
      options: try TrackingFixtures.options(postRoll: 10, margin: 0))
    let last = points[points.count - 1].1
    let regions = plan.regions(at: 0.3 + 10)
    #expect(regions.count == 2)
    let growth = 1.5
    for region in regions {
      #expect(abs(region.midX - last.midX) <= last.width + 1e-9)
      #expect(region.width <= last.width * 1.5 * growth + 1e-9)
    }
    #expect(Coverage.hides(last, by: regions))
  }

  @Test func aFrameWithoutAValidTimeIsHiddenWhole() throws {
    let plan = try MaskPlan(
      tracks: [], frameWidth: 640, frameHeight: 480, options: try TrackingFixtures.options())
    #expect(plan.regions(at: .nan) == [Rect(x: 0, y: 0, width: 640, height: 480)])
    #expect(plan.regions(at: 3).isEmpty)
  }

  @Test func anEmptyFrameIsRefused() throws {
    #expect(throws: MaskPlanError.invalidFrameSize(width: 0, height: 480)) {
      try MaskPlan(
        tracks: [], frameWidth: 0, frameHeight: 480, options: try TrackingFixtures.options())
    }
    #expect(
      MaskPlanError.invalidFrameSize(width: 0, height: 480).description
        == "the frame size must be at least 1x1 pixels, got 0x480")
  }

  @Test func eachTrackIsMaskedExactlyWithinItsRolls() throws {
    var random = SeededGenerator(seed: 11)
    let spans = (0..<200).map { _ -> (start: Double, end: Double) in
      let start = Double.random(in: 0...100, using: &random)
      return (
        start, start + Double.random(in: 0...(Bool.random(using: &random) ? 1 : 30), using: &random)
      )
    }
    let tracks = try spans.enumerated().map { id, span in
      let box = Rect(
        x: 20 + Double(id % 20) * 60, y: 20 + Double(id / 20) * 70, width: 50, height: 60)
      return try track([(span.start, box), (span.end, box)], id: id)
    }
    let plan = try MaskPlan(
      tracks: tracks, frameWidth: 1280, frameHeight: 720,
      options: try TrackingFixtures.options(preRoll: 0.25, postRoll: 0.75, margin: 0))
    for _ in 0..<500 {
      let time = Double.random(in: -1...102, using: &random)
      let expected = tracks.filter { ($0.start - 0.25...$0.end + 0.75).contains(time) }
      let regions = plan.regions(at: time)
      for track in tracks {
        let box = track.points[0].box
        let masked = regions.contains {
          abs($0.midX - box.midX) < 1e-6 && abs($0.midY - box.midY) < 1e-6
        }
        #expect(masked == expected.contains(track), "track \(track.id) at \(time) s")
      }
    }
  }
}

extension Rect {
  /// The rectangle moved by (`x`, `y`).
  fileprivate func offsetBy(x dx: Double, y dy: Double = 0) -> Rect {
    Rect(x: x + dx, y: y + dy, width: width, height: height)
  }
}
