import ArgumentParser
import FaceGuard
import FaceGuardServer
import Foundation
import Hummingbird

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the local web app and HTTP API.",
    discussion: """
      Open the printed address in a browser to anonymize photos by drag and drop, or use the API \
      (documented at /openapi.json). Photos stay in memory only and are never written to disk. \
      Listening on anything but a loopback address needs --token (or FACEGUARD_TOKEN); every \
      /api request must then send Authorization: Bearer <token>.
      """
  )

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on (0 picks a free port).")
  var port = 8080

  @Option(help: "Token every API request must present (default: $FACEGUARD_TOKEN).")
  var token: String?

  @Option(name: .customLong("max-upload-mb"), help: "Largest accepted upload, in megabytes.")
  var maxUploadMB = ServerConfiguration.defaultMaxUploadBytes / (1024 * 1024)

  @Option(
    name: .customLong("max-pixels"),
    help: "Refuse images with more pixels than this (decompression-bomb guard).")
  var maxPixels = DecodeLimits().maxPixels

  @Option(help: "Photos processed at once (default: one per core); more get 503 at once.")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(name: .customLong("timeout"), help: "Seconds one request may take.")
  var timeoutSeconds = 60

  @Option(help: "Inference threads (default: all cores).")
  var threads: Int?

  @Option(help: "How hard to look for faces: fast, balanced or thorough (see faceguard --help).")
  var preset: DetectionPreset = .balanced

  func validate() throws {
    guard maxUploadMB > 0 else { throw ValidationError("--max-upload-mb must be positive") }
    guard maxPixels > 0 else { throw ValidationError("--max-pixels must be positive") }
    guard jobs > 0 else { throw ValidationError("--jobs must be at least 1") }
    guard timeoutSeconds > 0 else { throw ValidationError("--timeout must be positive") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    do {
      try serverConfiguration.validate()
    } catch {
      throw ValidationError("\(error)")
    }
  }

  /// The server settings the options and the environment give.
  private var serverConfiguration: ServerConfiguration {
    let environmentToken = ProcessInfo.processInfo.environment["FACEGUARD_TOKEN"]
    return ServerConfiguration(
      host: host, port: port,
      token: token ?? environmentToken.flatMap { $0.isEmpty ? nil : $0 },
      maxUploadBytes: maxUploadMB * 1024 * 1024, limits: DecodeLimits(maxPixels: maxPixels),
      maxConcurrentJobs: jobs, requestTimeout: .seconds(timeoutSeconds))
  }

  func run() async throws {
    let configuration = serverConfiguration
    let detector = try FaceModel.centerface.makeMultiPassDetector(preset: preset, threads: threads)
    let app = try FaceGuardWebApp(configuration: configuration, detector: detector)
    let host = self.host
    try await app.buildApplication(onListening: { port in
      let shown = host.contains(":") ? "[\(host)]" : host
      FileHandle.standardOutput.write(
        Data("faceguard: serving on http://\(shown):\(port)/ (Ctrl-C to stop)\n".utf8))
    }).runService()
  }
}
