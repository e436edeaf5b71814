import ArgumentParser
import FaceGuard

@main
struct FaceGuardCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "faceguard",
    abstract: "Find and hide every face in photos and videos, offline.",
    discussion: """
      Nothing leaves this machine: no network, no telemetry, no temporary copies of your files.
      Run `faceguard PHOTO_OR_VIDEO...` to anonymize, `faceguard detect PHOTO...` to list faces.
      """,
    version: FaceGuardVersion.current,
    subcommands: [
      AnonymizeCommand.self, VideoCommand.self, DetectCommand.self, BenchCommand.self,
      ServeCommand.self, CalibrateCommand.self, VerifyCommand.self,
    ],
    defaultSubcommand: AnonymizeCommand.self
  )
}
