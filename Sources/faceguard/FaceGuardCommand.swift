import ArgumentParser

@main
struct FaceGuardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "faceguard",
    abstract: "Find and hide every face in photos, offline."
  )
}
