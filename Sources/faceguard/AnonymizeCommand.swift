import ArgumentParser

struct AnonymizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "anonymize",
    abstract: "Hide every face in photos and videos (the default command).",
    discussion: """
      Each file is written next to its input as NAME.anonymized.EXT, or under -o DIR with the \
      folder tree mirrored. Inputs are never overwritten; outputs appear complete or not at all. \
      By default only the ICC colour profile of a photo is kept: GPS, camera serials, maker \
      notes, XMP (including face-region tags) and EXIF thumbnails are removed. Videos (mp4, mov, \
      m4v, mkv, webm, avi) keep every stream and every frame's timestamp; see `faceguard video \
      --help`.
      """
  )

  @OptionGroup var arguments: AnonymizeArguments

  func run() throws {
    try arguments.run(videosOnly: false)
  }
}
