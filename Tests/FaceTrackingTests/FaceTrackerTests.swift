import FaceGuardCore
import FaceTracking
import Testing

@Suite struct FaceTrackerTests {
  private let face = Rect(x: 400, y: 200, width: 80, height: 100)

  @Test func detectionsBelowTheThresholdNeverStartATrack() throws {
    let options = try TrackingFixtures.options()
    let frames = TrackingFixtures.times(fps: 30, count: 90).enumerated().map { frame, time in
      FrameSightings(
        frame: frame, time: time,
        faces: [
          Face(box: face, score: 0.2),
          Face(box: Rect(x: 900, y: 300, width: 60, height: 70), score: 0.1),
        ])
    }
    #expect(options.extendThreshold == 0.15)
    #expect(try TrackingFixtures.tracks(frames, options: options).isEmpty)
  }

  @Test func oneConfidentDetectionStartsATrack() throws {
    let tracks = try TrackingFixtures.tracks(
      [TrackingFixtures.sightings(frame: 7, time: 2, boxes: [face], score: 0.31)],
      options: try TrackingFixtures.options())
    #expect(tracks.count == 1)
    #expect(tracks.first?.points == [TrackPoint(frame: 7, time: 2, box: face, score: 0.31)])
  }

  @Test func unsureDetectionsExtendATrackOnlyAfterAConfidentOne() throws {
    let unsure = (1...20).map {
      TrackingFixtures.sightings(frame: $0, time: Double($0) / 10, boxes: [face], score: 0.2)
    }
    let options = try TrackingFixtures.options()
    let before = try TrackingFixtures.tracks(
      unsure + [TrackingFixtures.sightings(frame: 21, time: 2.1, boxes: [face])], options: options)
    #expect(before.map(\.points.count) == [1])
    let after = try TrackingFixtures.tracks(
      [TrackingFixtures.sightings(frame: 0, time: 0, boxes: [face])] + unsure, options: options)
    #expect(after.map(\.points.count) == [21])
  }

  @Test(arguments: [(0.9, 1), (1.2, 2)])
  func aTrackEndsAfterTheLongestGap(gap: Double, trackCount: Int) throws {
    let frames = [
      TrackingFixtures.sightings(frame: 0, time: 1, boxes: [face]),
      TrackingFixtures.sightings(frame: 1, time: 1 + gap, boxes: [face]),
    ]
    let tracks = try TrackingFixtures.tracks(frames, options: try TrackingFixtures.options())
    #expect(tracks.count == trackCount)
    #expect(tracks.map(\.id) == Array(1...trackCount))
  }

  @Test func liveTracksSayWhereTheirFacesAreExpected() throws {
    var tracker = FaceTracker(options: try TrackingFixtures.options())
    for frame in 0..<3 {
      let moved = Rect(
        x: face.x + Double(frame) * 10, y: face.y, width: face.width, height: face.height)
      try tracker.add(
        TrackingFixtures.sightings(frame: frame, time: Double(frame) / 10, boxes: [moved]))
    }
    let expected = try #require(tracker.expectedBoxes(at: 0.3).first)
    #expect(abs(expected.x - (face.x + 30)) < 1 && abs(expected.y - face.y) < 1)
    #expect(tracker.expectedBoxes(at: 0.2 + 1.01).isEmpty, "gone longer than the longest gap")
  }

  @Test func twoFacesCrossingStayTwoTracks() throws {
    let times = TrackingFixtures.times(fps: 30, count: 90)
    func box(_ startX: Double, _ velocity: Double, _ y: Double, _ time: Double) -> Rect {
      Rect(x: startX + velocity * time, y: y, width: 80, height: 100)
    }
    let frames = times.enumerated().map { frame, time in
      let hidden = (40...44).contains(frame)
      let right = box(900, -240, 210, time)
      return TrackingFixtures.sightings(
        frame: frame, time: time, boxes: [box(300, 240, 200, time)] + (hidden ? [] : [right]))
    }
    let options = try TrackingFixtures.options()
    let tracks = try TrackingFixtures.tracks(frames, options: options)
    #expect(tracks.count == 2)
    for track in tracks {
      let xs = track.points.map(\.box.x)
      #expect(xs == xs.sorted() || xs == xs.sorted(by: >), "track \(track.id) changed direction")
    }
    let plan = try TrackingFixtures.plan(tracks, options: options)
    for time in times {
      let regions = plan.regions(at: time)
      #expect(Coverage.hides(box(300, 240, 200, time), by: regions))
      #expect(Coverage.hides(box(900, -240, 210, time), by: regions))
    }
  }

  @Test func aSceneCutStartsANewTrack() throws {
    let right = Rect(x: 1000, y: 300, width: 100, height: 120)
    let left = Rect(x: 100, y: 300, width: 100, height: 120)
    let times = TrackingFixtures.times(fps: 30, count: 120)
    let frames = times.enumerated().map { frame, time in
      TrackingFixtures.sightings(frame: frame, time: time, boxes: [time < 2 ? left : right])
    }
    let options = try TrackingFixtures.options()
    let tracks = try TrackingFixtures.tracks(frames, options: options)
    #expect(tracks.map(\.points.count) == [60, 60])
    let plan = try TrackingFixtures.plan(tracks, options: options)
    for time in times {
      for region in plan.regions(at: time) {
        #expect(region.width < 2 * left.width, "a region \(region) at \(time) s spans the cut")
      }
    }
  }

  @Test func framesOutOfOrderAreRefusedAndChangeNothing() throws {
    var tracker = FaceTracker(options: try TrackingFixtures.options())
    try tracker.add(TrackingFixtures.sightings(frame: 3, time: 0.1, boxes: [face]))
    let late = TrackingFixtures.sightings(frame: 2, time: 0.05, boxes: [face])
    #expect(throws: SightingsError.outOfOrder(frame: 2, time: 0.05, latestTime: 0.1)) {
      try tracker.add(late)
    }
    #expect(
      SightingsError.outOfOrder(frame: 2, time: 0.05, latestTime: 0.1).description
        == "frame 2 at 0.05 s comes before a frame already tracked at 0.1 s; frames must be "
        + "tracked in presentation order")
    #expect(throws: SightingsError.timeNotFinite(frame: 4)) {
      try tracker.add(TrackingFixtures.sightings(frame: 4, time: .nan, boxes: [face]))
    }
    let empty = Rect(x: 0, y: 0, width: 0, height: 10)
    #expect(throws: SightingsError.invalidFace(frame: 5, face: 1)) {
      try tracker.add(TrackingFixtures.sightings(frame: 5, time: 0.2, boxes: [face, empty]))
    }
    #expect(tracker.finish().map(\.points.count) == [1])
  }

  @Test func finishEmptiesTheTracker() throws {
    var tracker = FaceTracker(options: try TrackingFixtures.options())
    try tracker.add(TrackingFixtures.sightings(frame: 0, time: 5, boxes: [face]))
    #expect(tracker.finish().count == 1)
    try tracker.add(TrackingFixtures.sightings(frame: 0, time: 1, boxes: [face]))
    #expect(tracker.finish().map(\.id) == [1])
  }
}
