import Foundation

/// Debian's `ffmpeg` and `ffprobe` commands, run for tests that make clips or check them with
/// tools that are not FaceGuard's own code.
public enum FFmpegTool {
  /// `ffmpeg` could not do what a test asked.
  public struct Failure: Error, CustomStringConvertible {
    /// What the tool said.
    public let message: String
    public var description: String { message }
  }

  /// Runs `ffmpeg` quietly with `arguments` and returns what it wrote to standard output.
  @discardableResult
  public static func ffmpeg(_ arguments: [String]) throws -> Data {
    try run("/usr/bin/ffmpeg", ["-hide_banner", "-loglevel", "error", "-y"] + arguments)
  }

  /// Runs `ffprobe` quietly with `arguments` and returns what it wrote to standard output.
  public static func ffprobe(_ arguments: [String]) throws -> Data {
    try run("/usr/bin/ffprobe", ["-v", "error"] + arguments)
  }

  /// Runs `tool`; standard output is collected, standard error kept for a failure's message.
  private static func run(_ tool: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let errors = FileManager.default.temporaryDirectory
      .appendingPathComponent("faceguard-tool-\(UUID().uuidString).log")
    FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errors) }
    let errorHandle = try FileHandle(forWritingTo: errors)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = errorHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errorHandle.close()
    guard process.terminationStatus == 0 else {
      let message = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
      throw Failure(message: "\((tool as NSString).lastPathComponent): \(message)")
    }
    return data
  }
}
