import FaceGuardCore
import Foundation
import ImageCodecs

/// Video files for tests, made from frames composed in code with Debian's `ffmpeg` command: a
/// known picture in every frame at known times, with the streams and tags a test asks for.
public enum TestClip {
  /// What goes into a clip besides its frames.
  public struct Options: Sendable {
    /// The container, by file name extension (`mp4`, `mov`, `mkv`, `webm`, `avi`).
    public var container = "mp4"
    /// A 440 Hz tone as an AAC (Opus in WebM) audio stream.
    public var audio = false
    /// A second audio stream (a 660 Hz tone) tagged as a commentary in French.
    public var secondAudio = false
    /// A subtitle stream with one line per second.
    public var subtitles = false
    /// Two chapters.
    public var chapters = false
    /// A `rotate` tag in degrees (0, 90, 180 or 270), which FFmpeg writes as a display matrix.
    public var rotation = 0
    /// Identifying container tags: GPS location, camera make and model, a comment.
    public var identifyingTags = false
    /// The video codec's FFmpeg encoder.
    public var encoder = "libx264"
    /// The encoder's pixel format.
    public var pixelFormat = "yuv420p"

    /// Creates options: video only, H.264 in MP4.
    public init() {}
  }

  /// The GPS position the identifying tags carry.
  public static let location = "+48.8577+002.2950/"
  /// The camera model the identifying tags carry.
  public static let cameraModel = "FaceGuard Test Phone 12"

  /// Writes a clip of `frames`, frame `i` shown from `times[i]` seconds (so irregular times
  /// give a variable frame rate), to `url`.
  public static func write(
    _ frames: [Image], times: [Double], options: Options = Options(), to url: URL
  ) throws {
    precondition(frames.count == times.count && !frames.isEmpty, "one time per frame")
    let work = FileManager.default.temporaryDirectory
      .appendingPathComponent("faceguard-clip-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    var list = "ffconcat version 1.0\n"
    for (index, frame) in frames.enumerated() {
      let name = String(format: "frame%05d.png", index)
      try Data(ImageEncoder.encode(frame, as: .png)).write(to: work.appendingPathComponent(name))
      let next = index + 1 < times.count ? times[index + 1] : times[index] + 1 / 30
      list += "file '\(name)'\noption framerate 90000\nduration \(next - times[index])\n"
    }
    try list.write(to: work.appendingPathComponent("frames.txt"), atomically: true, encoding: .utf8)
    let duration = (times.last! + 1 / 30) - times[0]
    var arguments = [
      "-f", "concat", "-safe", "0", "-i", work.appendingPathComponent("frames.txt").path,
    ]
    var maps = ["-map", "0:v"]
    var input = 1
    let isWebM = options.container == "webm"
    if options.audio {
      arguments += ["-f", "lavfi", "-i", "sine=frequency=440:duration=\(duration)"]
      maps += ["-map", "\(input):a"]
      input += 1
    }
    if options.secondAudio {
      arguments += ["-f", "lavfi", "-i", "sine=frequency=660:duration=\(duration)"]
      maps += ["-map", "\(input):a"]
      input += 1
    }
    if options.subtitles {
      let subtitles = (0..<max(Int(duration), 1)).map { second in
        "\(second + 1)\n00:00:\(String(format: "%02d", second)),000 --> 00:00:\(String(format: "%02d", second)),900\nLine \(second + 1)\n"
      }.joined(separator: "\n")
      try subtitles.write(
        to: work.appendingPathComponent("lines.srt"), atomically: true, encoding: .utf8)
      arguments += ["-i", work.appendingPathComponent("lines.srt").path]
      maps += ["-map", "\(input):s"]
      input += 1
    }
    if options.chapters {
      let half = Int(duration * 500)
      let chapters =
        ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=\(half)\ntitle=Opening\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=\(half)\nEND=\(half * 2)\ntitle=Closing\n"
      try chapters.write(
        to: work.appendingPathComponent("chapters.txt"), atomically: true, encoding: .utf8)
      arguments += [
        "-i", work.appendingPathComponent("chapters.txt").path, "-map_chapters", "\(input)",
      ]
      input += 1
    }
    arguments += maps
    arguments += [
      "-c:v", options.encoder, "-pix_fmt", options.pixelFormat, "-fps_mode", "passthrough",
    ]
    if options.container == "mp4" || options.container == "mov" {
      arguments += ["-video_track_timescale", "90000"]
    }
    if options.encoder == "libx264" { arguments += ["-preset", "ultrafast", "-crf", "12"] }
    if options.audio || options.secondAudio { arguments += ["-c:a", isWebM ? "libopus" : "aac"] }
    if options.secondAudio {
      arguments += ["-metadata:s:a:1", "language=fre", "-metadata:s:a:1", "title=Commentary"]
    }
    if options.subtitles {
      arguments += [
        "-c:s", options.container == "mp4" || options.container == "mov" ? "mov_text" : "srt",
      ]
      arguments += ["-metadata:s:s:0", "language=eng"]
    }
    if options.identifyingTags {
      let isQuickTime = options.container == "mp4" || options.container == "mov"
      let prefix = isQuickTime ? "com.apple.quicktime." : ""
      arguments += [
        "-metadata", "location=\(location)", "-metadata", "\(prefix)make=FaceGuard Labs",
        "-metadata", "\(prefix)model=\(cameraModel)", "-metadata", "comment=Filmed by Jane at home",
      ]
      if isQuickTime {
        arguments += [
          "-metadata", "com.apple.quicktime.location.ISO6709=\(location)",
          "-movflags", "use_metadata_tags",
        ]
      }
    }
    let encoded = work.appendingPathComponent("encoded.\(options.container)")
    try FFmpegTool.ffmpeg(arguments + [encoded.path])
    if options.rotation == 0 {
      try FileManager.default.moveItem(at: encoded, to: url)
    } else {
      try FFmpegTool.ffmpeg([
        "-i", encoded.path, "-map", "0", "-c", "copy", "-map_chapters", "0",
        "-metadata:s:v:0", "rotate=\(options.rotation)", url.path,
      ])
    }
  }
}
