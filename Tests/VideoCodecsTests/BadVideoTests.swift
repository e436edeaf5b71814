import FaceGuardCore
import Foundation
import TestSupport
import Testing

@testable import VideoCodecs

@Suite("Bad videos get a clear error and write nothing")
struct BadVideoTests {
  @Test func notAVideo() throws {
    try TemporaryFolder.use { folder in
      let text = try folder.write(Array("hello, this is not a video".utf8), to: "notes.mp4")
      #expect {
        try VideoFrameReader(path: text.path, limits: VideoLimits())
      } throws: { error in
        guard case .unreadable = error as? VideoError else { return false }
        return true
      }
    }
  }

  /// Playlists name other files: FFmpeg must not follow them, even to a readable video.
  @Test(arguments: [
    ("list.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nin.mp4\n#EXT-X-ENDLIST\n"),
    ("list.mp4", "ffconcat version 1.0\nfile in.mp4\n"),
  ])
  func playlistsAreNotFollowed(name: String, playlist: String) throws {
    try TemporaryFolder.use { folder in
      try TestClip.write(
        gradientFrames(count: 6), times: (0..<6).map { Double($0) / 30 }, to: folder.path("in.mp4"))
      let list = try folder.write(Array(playlist.utf8), to: name)
      #expect {
        try VideoFrameReader(path: list.path, limits: VideoLimits())
      } throws: { error in
        guard case .unreadable = error as? VideoError else { return false }
        return true
      }
    }
  }

  @Test(arguments: ["mp4", "mkv"])
  func truncatedFile(container: String) throws {
    try TemporaryFolder.use { folder in
      var options = TestClip.Options()
      options.container = container
      options.audio = true
      let frames = gradientFrames(count: 120)
      let input = folder.path("in.\(container)")
      try TestClip.write(
        frames, times: (0..<120).map { Double($0) / 30 }, options: options, to: input)
      let bytes = try folder.read("in.\(container)")
      let cut = try folder.write(Array(bytes.prefix(bytes.count / 2)), to: "cut.\(container)")
      #expect(throws: VideoError.self) {
        try VideoFrameReader(path: cut.path, limits: VideoLimits()).forEachFrame { _ in }
      }
      #expect(
        try VideoFrameReader(path: input.path, limits: VideoLimits()).forEachFrame { _ in } == 120)
    }
  }

  @Test func audioOnlyHasNoVideoStream() throws {
    try TemporaryFolder.use { folder in
      let audio = folder.path("tone.mp4")
      try FFmpegTool.ffmpeg(["-f", "lavfi", "-i", "sine=duration=0.5", audio.path])
      #expect(throws: VideoError.noVideoStream) {
        try VideoFrameReader(path: audio.path, limits: VideoLimits())
      }
    }
  }

  @Test func framesOverTheLimits() throws {
    try TemporaryFolder.use { folder in
      let input = folder.path("in.mp4")
      try TestClip.write(
        gradientFrames(count: 12), times: (0..<12).map { Double($0) / 30 }, to: input)
      #expect(throws: VideoError.tooLarge(width: 96, height: 64, limit: 1000)) {
        try VideoFrameReader(path: input.path, limits: VideoLimits(maxPixels: 1000))
      }
      #expect(throws: VideoError.tooManyFrames(count: 12, limit: 5)) {
        try VideoFrameReader(path: input.path, limits: VideoLimits(maxFrames: 5))
      }
    }
  }

  @Test func theFrameClockRefusesWhatCannotBeKept() throws {
    var clock = FrameClock(limits: VideoLimits(maxFrames: 3))
    #expect(throws: VideoError.noFrames) { try clock.finish(expectedFrames: nil, duration: nil) }
    #expect(throws: VideoError.badTimestamps(detail: "frame 1 has no timestamp")) {
      try clock.next(Int64.min, timeBase: 0.001)
    }
    _ = try clock.next(10, timeBase: 0.001)
    #expect(throws: VideoError.self) { try clock.next(10, timeBase: 0.001) }
    _ = try clock.next(20, timeBase: 0.001)
    _ = try clock.next(30, timeBase: 0.001)
    #expect(throws: VideoError.tooManyFrames(count: 4, limit: 3)) {
      try clock.next(40, timeBase: 0.001)
    }
    #expect(throws: VideoError.damaged(detail: "only 3 of its 10 frames could be decoded")) {
      try clock.finish(expectedFrames: 10, duration: nil)
    }
    #expect(throws: Never.self) { try clock.finish(expectedFrames: 3, duration: 0.03) }
  }
}
