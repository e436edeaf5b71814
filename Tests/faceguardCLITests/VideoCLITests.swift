import FaceGuardCore
import Foundation
import TestSupport
import Testing

@Suite("faceguard video and videos in batches")
struct VideoCLITests {
  /// A short clip of the sample portrait drifting right, with a tone and subtitles.
  static func writeClip(to url: URL, frames count: Int = 16, audio: Bool = true) throws {
    let portrait = Portrait.image
    let frames = (0..<count).map { index -> Image in
      var canvas = Image(width: 320, height: 256, layout: .rgb, repeating: 120)
      for row in 0..<portrait.height {
        for column in 0..<portrait.width where column + index * 2 < 320 {
          let from = (row * portrait.width + column) * 3
          let to = (row * 320 + column + index * 2) * 3
          canvas.pixels[to] = portrait.pixels[from]
          canvas.pixels[to + 1] = portrait.pixels[from + 1]
          canvas.pixels[to + 2] = portrait.pixels[from + 2]
        }
      }
      return canvas
    }
    var options = TestClip.Options()
    options.audio = audio
    options.subtitles = audio
    try TestClip.write(
      frames, times: (0..<count).map { Double($0) / 25 }, options: options, to: url)
  }

  @Test func videoKeepsItsStreamsAndReportsItsTracks() throws {
    try TemporaryFolder.use { folder in
      try Self.writeClip(to: folder.path("clip.mp4"))
      let run = try FaceGuardProcess.run(
        ["video", "--report", "report.json", "--tracks-out", "tracks.json", "clip.mp4"],
        in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      #expect(run.standardOutput.contains("clip.mp4: 1 face followed"), "\(run.standardOutput)")
      #expect(
        try MediaProbe(folder.path("clip.anonymized.mp4")).streamTypes == [
          "video", "audio", "subtitle",
        ])
      let report = try #require(
        try JSONSerialization.jsonObject(with: Data(folder.read("report.json"))) as? [String: Any])
      let entry = try #require((report["files"] as? [[String: Any]])?.first)
      let video = try #require(entry["video"] as? [String: Any])
      #expect(video["frames"] as? Int == 16 && video["tracks"] as? Int == 1)
      let tracks = try #require(
        try JSONSerialization.jsonObject(with: Data(folder.read("tracks.json"))) as? [String: Any])
      #expect((tracks["tracks"] as? [Any])?.count == 1)
      #expect(
        try folder.allFiles() == ["clip.anonymized.mp4", "clip.mp4", "report.json", "tracks.json"])
    }
  }

  @Test func anEditedTracksFileIsRenderedWithoutDetecting() throws {
    try TemporaryFolder.use { folder in
      try Self.writeClip(to: folder.path("clip.mp4"), audio: false)
      let edited =
        #"{"tracks":[{"id":7,"frames":[{"time":0,"x":250,"y":200,"w":40,"h":40},{"time":0.6,"x":250,"y":200,"w":40,"h":40}]}]}"#
      try folder.write(Array(edited.utf8), to: "edited.json")
      let run = try FaceGuardProcess.run(
        [
          "video", "--tracks", "edited.json", "--mode", "solid", "--color", "ff00ff", "-o", "out",
          "clip.mp4",
        ],
        in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      var frames: [Image] = []
      try readFrames(folder.path("out/clip.mp4")) { frames.append($0) }
      #expect(frames.count == 16)
      let added = Rect(x: 250, y: 200, width: 40, height: 40)
      let face = Rect(x: 100, y: 50, width: 60, height: 60)
      for frame in frames {
        #expect(MovingFaces.coverage(of: added, in: frame, by: [255, 0, 255]) > 0.95)
        #expect(MovingFaces.coverage(of: face, in: frame, by: [255, 0, 255]) < 0.05)
      }
    }
  }

  @Test func foldersMixPhotosAndVideosAndBadVideosDoNotStopTheBatch() throws {
    try TemporaryFolder.use { folder in
      try folder.write(Encoded.png(Portrait.image), to: "in/photo.png")
      try Self.writeClip(to: folder.path("in/clip.mp4"))
      try folder.write(Array("not a video at all".utf8), to: "in/broken.mov")
      let run = try FaceGuardProcess.run(["--no-audio", "-o", "out", "in"], in: folder.url)
      #expect(run.status == 1)
      #expect(run.errorLines(mentioning: "broken.mov").count == 1, "\(run.standardError)")
      #expect(try folder.allFiles(below: "out") == ["clip.mp4", "photo.png"])
      #expect(try MediaProbe(folder.path("out/clip.mp4")).streamTypes == ["video", "subtitle"])
    }
  }

  @Test func aPhotoGivenToVideoIsRefusedByName() throws {
    try TemporaryFolder.use { folder in
      try folder.write(Encoded.png(Portrait.image), to: "photo.png")
      let run = try FaceGuardProcess.run(["video", "photo.png"], in: folder.url)
      #expect(run.status == 1)
      #expect(
        run.errorLines(mentioning: "photo.png: is a photo").count == 1, "\(run.standardError)")
      #expect(try folder.allFiles() == ["photo.png"])
    }
  }

  @Test func aStoppedRunLeavesNothingAtTheTarget() throws {
    try TemporaryFolder.use { folder in
      try Self.writeClip(to: folder.path("clip.mp4"), frames: 900, audio: false)
      let track = #"{"tracks":[{"id":1,"frames":[{"time":0,"x":10,"y":10,"w":40,"h":40}]}]}"#
      try folder.write(Array(track.utf8), to: "tracks.json")
      let process = try FaceGuardProcess.launch(
        ["video", "--tracks", "tracks.json", "--crf", "0", "-o", "out", "clip.mp4"], in: folder.url)
      let deadline = Date().addingTimeInterval(60)
      var sawTemporary = false
      while Date() < deadline && process.isRunning {
        if (try? folder.allFiles(below: "out"))?.contains(where: { $0.hasPrefix(".faceguard-") })
          == true
        {
          sawTemporary = true
          break
        }
        Thread.sleep(forTimeInterval: 0.02)
      }
      #expect(sawTemporary, "the render finished before it could be stopped")
      process.terminate()
      process.waitUntilExit()
      #expect(process.terminationStatus == 143)
      #expect(try folder.allFiles(below: "out").isEmpty)
    }
  }
}

/// Every frame of a video as RGB, upright.
func readFrames(_ url: URL, _ body: (Image) -> Void) throws {
  let video = try #require(try MediaProbe(url).streams.first)
  let width = try #require(video["width"] as? Int)
  let height = try #require(video["height"] as? Int)
  let data = try FFmpegTool.ffmpeg([
    "-i", url.path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-fps_mode", "passthrough", "-",
  ])
  let frameBytes = width * height * 3
  for start in stride(from: 0, to: data.count - frameBytes + 1, by: frameBytes) {
    body(
      Image(
        width: width, height: height, layout: .rgb,
        pixels: [UInt8](data[start..<start + frameBytes])))
  }
}
