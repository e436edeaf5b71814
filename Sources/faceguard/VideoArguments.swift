import ArgumentParser
import FaceGuard
import VideoCodecs

/// Options of the commands that anonymize videos.
struct VideoArguments: ParsableArguments {
  @Option(name: .customLong(Setting.videoCodec.rawValue), help: ArgumentHelp(Setting.videoCodec))
  var videoCodec: VideoCodec?

  @Option(help: ArgumentHelp(Setting.crf))
  var crf: Int?

  @Flag(name: .customLong(Setting.noAudio.rawValue), help: ArgumentHelp(Setting.noAudio))
  var noAudio = false

  @Option(name: .customLong(Setting.detectEvery.rawValue), help: ArgumentHelp(Setting.detectEvery))
  var detectEvery = VideoSettings().detectEvery

  @Option(
    name: .customLong("tracks-out"),
    help: "Write the faces followed through the video (id, frames, boxes, scores) as JSON here.")
  var tracksOut: String?

  @Option(
    help: """
      Hide exactly the tracks in this JSON file (as --tracks-out writes it, edited by a person) \
      instead of detecting faces.
      """)
  var tracks: String?

  func validate() throws {
    try validateSettings { try settings.validate() }
  }

  /// The video settings the options give.
  var settings: VideoSettings {
    var settings = VideoSettings()
    settings.codec = videoCodec
    settings.crf = crf
    settings.dropsAudio = noAudio
    settings.detectEvery = detectEvery
    return settings
  }
}

extension VideoCodec: ExpressibleByArgument {}
