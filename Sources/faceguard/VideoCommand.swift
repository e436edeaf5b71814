import ArgumentParser

struct VideoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "video",
    abstract: "Hide every face in videos.",
    discussion: """
      Each video (mp4, mov, m4v, mkv, webm, avi) is written in its own container next to its \
      input as NAME.anonymized.EXT, or under -o DIR. Faces are found on every --detect-every'th \
      frame and followed through the video; a face stays masked between sightings, a moment \
      before its first and after its last, so a frame the detector missed does not show it. The \
      video stream is re-encoded (H.264 by default) with every frame's timestamp; audio, \
      subtitles, other data streams and chapters are copied unchanged (--no-audio drops the \
      audio). Location, device and owner tags and GPS telemetry streams are removed. \
      --tracks-out writes the faces followed; --tracks renders a (corrected) tracks file again \
      without detecting. Ctrl-C leaves nothing at the output path.
      """
  )

  @OptionGroup var arguments: AnonymizeArguments

  func run() throws {
    try arguments.run(videosOnly: true)
  }
}
