import ArgumentParser
import FaceGuard
import FaceGuardAudit
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
      /api request must then send Authorization: Bearer <token>. --threshold sets the default of \
      requests that give none. --audit FILE appends a JSON line for every photo the API \
      receives whole: time, client address, request, the SHA-256 and size of the upload and \
      of the answer, the request's settings, faces, metadata removed and the person's review of \
      the regions (boxes, and boxes_added and boxes_removed as the web page sends them); \
      never the photo itself.
      """
  )

  @OptionGroup var detection: DetectorOptions

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on (0 picks a free port).")
  var port = 8080

  @Option(help: "Token every API request must present (default: $FACEGUARD_TOKEN).")
  var token: String?

  @Option(name: .customLong("max-upload-mb"), help: "Largest accepted upload, in megabytes.")
  var maxUploadMB = ServerConfiguration.defaultMaxUploadBytes / (1024 * 1024)

  @Option(help: "Photos processed at once (default: one per core); more get 503 at once.")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(
    help: ArgumentHelp(
      "Append one JSON line per API request's photo to this audit log (see faceguard --help).",
      valueName: "file"))
  var audit: String?

  @Option(
    name: .customLong("timeout"),
    help: "Seconds a request may take to arrive whole, and again to be processed.")
  var timeoutSeconds = 60

  @Option(
    name: .customLong("memory-budget-mb"),
    help: ArgumentHelp(
      "Megabytes of working memory the photos processed at once may need together (default: half the memory limit of the container or machine).",
      discussion: "A photo whose turn would exceed it gets 503; one that alone exceeds it, 413."))
  var memoryBudgetMB = ServerConfiguration.defaultMemoryBudget / (1024 * 1024)

  func validate() throws {
    guard maxUploadMB > 0 else { throw ValidationError("--max-upload-mb must be positive") }
    guard timeoutSeconds > 0 else { throw ValidationError("--timeout must be positive") }
    guard memoryBudgetMB > 0 else { throw ValidationError("--memory-budget-mb must be positive") }
    try validateSettings { _ = try Setting.jobs.checked(jobs) }
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
      maxUploadBytes: maxUploadMB * 1024 * 1024, limits: detection.settings.limits,
      defaultThreshold: detection.effectiveThreshold, maxConcurrentJobs: jobs,
      requestTimeout: .seconds(timeoutSeconds), memoryBudget: memoryBudgetMB * 1024 * 1024)
  }

  func run() async throws {
    let configuration = serverConfiguration
    let detector = try detection.settings.makeDetector()
    let audit: ServerAudit?
    do {
      audit = try self.audit.map { path in
        ServerAudit(
          log: try AuditLog(path: path),
          settings: try AuditSettings(
            detector: detection.settings, photo: PhotoSettings(),
            threshold: detection.effectiveThreshold))
      }
    } catch {
      throw ValidationError("\(error)")
    }
    let app = try FaceGuardWebApp(configuration: configuration, detector: detector, audit: audit)
    let host = self.host
    try await app.buildApplication(onListening: { port in
      let shown = host.contains(":") ? "[\(host)]" : host
      FileHandle.standardOutput.write(
        Data("faceguard: serving on http://\(shown):\(port)/ (Ctrl-C to stop)\n".utf8))
    }).runService()
  }
}
