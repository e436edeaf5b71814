import FaceGuardCore
import FaceTracking
import Testing

@Suite struct TracksDocumentTests {
  private func decode(_ json: String) throws(TracksDocumentError) -> TracksDocument {
    try TracksDocument(decoding: Array(json.utf8))
  }

  private func refusal(_ json: String) -> String? {
    do {
      _ = try decode(json)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func aTrackerRunSurvivesTheRoundTripRoundedOutwards() throws {
    let options = try TrackingFixtures.options()
    let clip = SyntheticClip(seed: 5, options: options)
    let tracks = try TrackingFixtures.tracks(clip.sightings, options: options)
    let document = TracksDocument(tracks: tracks)
    let read = try TracksDocument(decoding: document.encoded())
    #expect(read.encoded() == document.encoded())
    #expect(read.tracks.map(\.id) == tracks.map(\.id))
    for (original, copy) in zip(tracks, read.tracks) {
      #expect(copy.points.map(\.frame) == original.points.map(\.frame))
      for (point, saved) in zip(original.points, copy.points) {
        #expect(abs(saved.time - point.time) <= 0.5e-6)
        let (box, written) = (point.box, saved.box)
        #expect(written.x <= box.x + 1e-6 && written.y <= box.y + 1e-6, "rounded outwards")
        #expect(written.maxX >= box.maxX - 1e-6 && written.maxY >= box.maxY - 1e-6)
        #expect(written.width <= box.width + 0.2 && written.height <= box.height + 0.2)
        #expect(abs(saved.score - point.score) <= 0.5e-5)
      }
    }
  }

  @Test func theFileHasOnePointPerLineInTheDocumentedForm() throws {
    let track = try Track(
      id: 3,
      points: [
        TrackPoint(
          frame: 12, time: 0.4000004, box: Rect(x: 310.54, y: 122, width: 64.25, height: 80.1),
          score: 0.912344),
        TrackPoint(
          frame: nil, time: 0.5, box: Rect(x: 1.23, y: 2, width: 0.01, height: 4), score: 1),
      ])
    let json = String(decoding: TracksDocument(tracks: [track]).encoded(), as: UTF8.self)
    #expect(
      json == """
        {"tracks":[
        {"id":3,"frames":[
        {"frame":12,"time":0.4,"x":310.5,"y":122.0,"w":64.3,"h":80.1,"score":0.91234},
        {"time":0.5,"x":1.2,"y":2.0,"w":0.1,"h":4.0,"score":1.0}
        ]}
        ]}

        """)
    #expect(
      String(decoding: TracksDocument(tracks: []).encoded(), as: UTF8.self) == "{\"tracks\":[\n]}\n"
    )
  }

  @Test func anEditedFileIsRead() throws {
    let document = try decode(
      """
      {"tracks":[
        {"id":2,"frames":[{"frame":5,"time":0.2,"x":10,"y":20,"w":30,"h":40,"score":0.8}]},
        {"id":17,"note":"added by hand","frames":[
          {"time":3,"x":100,"y":100,"w":50,"h":60},
          {"time":1.5,"x":80,"y":90,"w":50,"h":60}
        ]}
      ]}
      """)
    #expect(document.tracks.map(\.id) == [2, 17])
    let added = document.tracks[1]
    #expect(added.points.map(\.time) == [1.5, 3])
    #expect(added.points.map(\.score) == [1, 1])
    #expect(added.points.map(\.frame) == [nil, nil])
    let plan = try MaskPlan(
      tracks: document.tracks, frameWidth: 640, frameHeight: 480,
      options: try TrackingFixtures.options(margin: 0))
    let between = Rect(x: 90, y: 95, width: 50, height: 60)
    #expect(Coverage.hides(between, by: plan.regions(at: 2.25)))
  }

  @Test(arguments: [
    ("not json", "the tracks file is not valid JSON: Invalid value around character 1."),
    ("{}", "the tracks file needs \"tracks\""),
    (#"{"tracks":[{"id":1}]}"#, "tracks[0] needs \"frames\""),
    (
      #"{"tracks":[{"id":1,"frames":[{"x":1,"y":1,"w":1,"h":1}]}]}"#,
      "tracks[0].frames[0] needs \"time\""
    ),
    (
      #"{"tracks":[{"id":1,"frames":[{"time":0,"x":"a","y":1,"w":1,"h":1}]}]}"#,
      "tracks[0].frames[0].x must be a number"
    ),
    (#"{"tracks":[{"id":1.5,"frames":[]}]}"#, "tracks[0].id must be a whole number, got 1.5"),
    (
      #"{"tracks":[{"id":1,"frames":[{"frame":-0.5,"time":0,"x":1,"y":1,"w":1,"h":1}]}]}"#,
      "tracks[0].frames[0].frame must be a whole number"
    ),
    (#"{"tracks":[{"id":1,"frames":{}}]}"#, "tracks[0].frames must be a list"),
    (
      #"{"tracks":[{"id":1,"frames":[{"time":0,"x":1,"y":null,"w":1,"h":1}]}]}"#,
      "tracks[0].frames[0].y must be a number"
    ),
    (
      #"{"tracks":[{"id":4,"frames":[]}]}"#,
      "track 4 has no frames; give at least one, or delete the track"
    ),
    (
      #"{"tracks":[{"id":4,"frames":[{"time":0,"x":1,"y":1,"w":1,"h":1},{"time":1,"x":1,"y":1,"w":0,"h":1}]}]}"#,
      "track 4, frames[1]: w must be positive, got 0.0"
    ),
    (
      #"{"tracks":[{"id":4,"frames":[{"time":0,"x":1,"y":1,"w":1,"h":1,"score":1.5}]}]}"#,
      "track 4, frames[0]: score must be from 0 to 1, got 1.5"
    ),
    (
      #"{"tracks":[{"id":4,"frames":[{"time":1e999,"x":1,"y":1,"w":1,"h":1}]}]}"#,
      "the tracks file is not valid JSON: Number 1e999 is not representable"
    ),
    (
      #"{"tracks":[{"id":4,"frames":[{"time":0,"x":1,"y":1,"w":1,"h":1}]},{"id":4,"frames":[{"time":0,"x":1,"y":1,"w":1,"h":1}]}]}"#,
      "tracks[0] and tracks[1] both have id 4; every track needs its own id"
    ),
  ])
  func aBadFileIsRefusedSayingWhere(json: String, message: String) {
    let refused = refusal(json)
    #expect(refused?.hasPrefix(message) == true, "\(refused ?? "accepted")")
  }

  @Test func trackErrorsNameTheTrackAndPoint() {
    #expect(
      TrackError.notFinite(track: 9, point: 2, field: "x").description
        == "track 9, frames[2]: x must be a finite number")
    #expect(throws: TrackError.notFinite(track: 9, point: 0, field: "time")) {
      try Track(
        id: 9,
        points: [
          TrackPoint(
            frame: 1, time: .infinity, box: Rect(x: 0, y: 0, width: 1, height: 1), score: 1)
        ])
    }
  }
}
