import FaceDetection
import Foundation
import ImageCodecs

/// Settings of the FaceGuard web server.
public struct ServerConfiguration: Sendable {
  /// The address to listen on.
  public var host: String
  /// The TCP port to listen on; 0 picks a free one.
  public var port: Int
  /// The bearer token every `/api` request must present; `nil` allows requests without one
  /// (only permitted on a loopback address).
  public var token: String?
  /// The largest accepted request body, in bytes.
  public var maxUploadBytes: Int
  /// Limits that protect the decoders against decompression bombs.
  public var limits: DecodeLimits
  /// The face confidence threshold of requests that give none.
  public var defaultThreshold: Double
  /// Photos processed at once; requests beyond it are refused with 503 at once.
  public var maxConcurrentJobs: Int
  /// How long one request may take to arrive whole (a connection whose request is not in by then
  /// is closed), and again how long its processing may take (it then fails with 503).
  public var requestTimeout: Duration
  /// Bytes of working memory the photos processed at once may need together, estimated from
  /// each photo's declared size (``PhotoPipeline/workingMemory(ofFile:)``): a photo that would
  /// exceed what is left gets 503, one that alone exceeds it 413.
  public var memoryBudget: Int

  /// The default upload limit: 50 MB.
  public static let defaultMaxUploadBytes = 50 * 1024 * 1024
  /// The default time limit of one request.
  public static let defaultRequestTimeout = Duration.seconds(60)
  /// The default memory budget: half the memory this process may use (its control group's
  /// limit, as in a container, or else the machine's memory); the other half is left to the
  /// detector's networks, which hold the same whatever the photos.
  public static var defaultMemoryBudget: Int { MemoryLimit.available / 2 }

  /// Creates settings; the defaults listen on 127.0.0.1:8080 without a token and run one job per
  /// core.
  public init(
    host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
    maxUploadBytes: Int = defaultMaxUploadBytes, limits: DecodeLimits = DecodeLimits(),
    defaultThreshold: Double = FaceModel.centerface.defaultThreshold,
    maxConcurrentJobs: Int = ProcessInfo.processInfo.activeProcessorCount,
    requestTimeout: Duration = defaultRequestTimeout, memoryBudget: Int = defaultMemoryBudget
  ) {
    self.host = host
    self.port = port
    self.token = token
    self.maxUploadBytes = maxUploadBytes
    self.limits = limits
    self.defaultThreshold = defaultThreshold
    self.maxConcurrentJobs = maxConcurrentJobs
    self.requestTimeout = requestTimeout
    self.memoryBudget = memoryBudget
  }

  /// Whether `host` names this machine only (127.0.0.0/8, `::1` or `localhost`).
  public var isLoopback: Bool {
    let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    if name == "localhost" || name == "::1" { return true }
    let octets = name.split(separator: ".", omittingEmptySubsequences: false)
    return octets.count == 4 && octets.first == "127"
      && octets.allSatisfy { UInt8($0) != nil }
  }

  /// Checks that the settings are usable and safe.
  ///
  /// - Throws: ``ServerConfigurationError`` when a limit is not positive, or when the server
  ///   would listen on a network address without a token.
  public func validate() throws(ServerConfigurationError) {
    guard (0...65535).contains(port) else { throw .invalid("the port must be 0 to 65535") }
    guard maxUploadBytes > 0 else { throw .invalid("the upload limit must be positive") }
    guard maxConcurrentJobs > 0 else { throw .invalid("the job limit must be at least 1") }
    guard requestTimeout > .zero else { throw .invalid("the request timeout must be positive") }
    guard memoryBudget > 0 else { throw .invalid("the memory budget must be positive") }
    if let token, token.isEmpty { throw .invalid("the token must not be empty") }
    if !isLoopback && token == nil { throw .tokenRequired(host: host) }
  }
}

/// Why the server refuses to start.
public enum ServerConfigurationError: Error, Equatable, CustomStringConvertible {
  /// The server would accept requests from the network without a token.
  case tokenRequired(host: String)
  /// A setting is out of range.
  case invalid(String)
  /// A file of the web page is missing from the installed bundle.
  case missingResource(String)

  public var description: String {
    switch self {
    case .tokenRequired(let host):
      "refusing to listen on \(host) without a token: anyone on the network could use the "
        + "server; pass --token or set FACEGUARD_TOKEN (or listen on 127.0.0.1)"
    case .invalid(let detail): detail
    case .missingResource(let name):
      "the web page file \(name) is missing from the FaceGuardServer resources; reinstall faceguard"
    }
  }
}
