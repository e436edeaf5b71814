import Foundation
import TestSupport
import Testing

/// What one run of the `faceguard` binary produced.
struct ProcessOutcome {
  /// The exit status.
  var status: Int32
  /// Everything written to standard output.
  var standardOutput: String
  /// Everything written to standard error.
  var standardError: String

  /// The standard error lines that mention `text`.
  func errorLines(mentioning text: String) -> [Substring] {
    standardError.split(separator: "\n").filter { $0.contains(text) }
  }
}

/// Runs the `faceguard` executable SwiftPM built next to the test bundle.
enum FaceGuardProcess {
  /// The models folder: `$FACEGUARD_MODELS`, else `<package root>/models`.
  static var modelsFolder: URL { ModelFiles.directory }

  /// The folders the built executable may be in: the test bundle's folder and its parents.
  private static var candidateFolders: [URL] {
    var starts = [URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()]
    starts.append(Bundle.main.bundleURL.resolvingSymlinksInPath())
    var folders: [URL] = []
    for start in starts {
      var folder = start.deletingLastPathComponent()
      for _ in 0..<4 {
        folders.append(folder)
        folder.deleteLastPathComponent()
      }
    }
    return folders
  }

  /// The `faceguard` executable; fails the test when it was not built.
  static func executable() throws -> URL {
    let found = candidateFolders.map { $0.appendingPathComponent("faceguard") }.first {
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isFolder)
        && !isFolder.boolValue && FileManager.default.isExecutableFile(atPath: $0.path)
    }
    return try #require(
      found,
      """
      the faceguard executable was not found next to the test bundle (looked in \
      \(candidateFolders.map(\.path).joined(separator: ", "))); run `swift build` first
      """)
  }

  /// A process that will run `faceguard arguments` in `folder` with `models` as the models
  /// folder in its environment.
  private static func configured(
    _ arguments: [String], in folder: URL, models: URL = modelsFolder
  ) throws -> Process {
    try #require(
      FileManager.default.fileExists(atPath: models.appendingPathComponent("centerface.onnx").path),
      "centerface.onnx is missing from \(models.path); run scripts/setup.sh or set FACEGUARD_MODELS"
    )
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["FACEGUARD_MODELS"] = models.path
    process.environment = environment
    return process
  }

  /// Starts `faceguard arguments` in `folder`, its standard output discarded and its standard
  /// error sent to `standardError`, and returns it running.
  static func launch(
    _ arguments: [String], in folder: URL, standardError: FileHandle = .nullDevice
  ) throws -> Process {
    let process = try configured(arguments, in: folder)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = standardError
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Runs `faceguard arguments` in `folder` with `models` as the models folder in its
  /// environment.
  static func run(_ arguments: [String], in folder: URL, models: URL = modelsFolder) throws
    -> ProcessOutcome
  {
    let process = try configured(arguments, in: folder, models: models)
    let capture = FileManager.default.temporaryDirectory
      .appendingPathComponent("faceguard-cli-capture-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: capture) }
    let outURL = capture.appendingPathComponent("stdout")
    let errURL = capture.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return ProcessOutcome(
      status: process.terminationStatus,
      standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}
