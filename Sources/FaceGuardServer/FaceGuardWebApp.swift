import FaceDetection
import Hummingbird
import Logging

/// The FaceGuard web app: the page at `/`, the HTTP API under `/api/v1`, `/openapi.json`,
/// `/healthz` and `/metrics`.
public struct FaceGuardWebApp: Sendable {
  /// Listening address, limits and token.
  public let configuration: ServerConfiguration
  /// The detector shared by all requests.
  public let detector: any FaceDetector
  /// The server's counters, also served at `/metrics`.
  public let metrics: ServerMetrics
  /// Where each API request's photo is recorded; `nil` for no audit log.
  public let audit: ServerAudit?
  private let resources: StaticResources
  private let jobs: JobLimiter

  /// Creates the app, recording every API request's photo in `audit` when given.
  ///
  /// - Throws: ``ServerConfigurationError`` when the configuration is unsafe or invalid, or the
  ///   page's files are missing.
  public init(
    configuration: ServerConfiguration, detector: any FaceDetector, audit: ServerAudit? = nil
  ) throws {
    try configuration.validate()
    self.configuration = configuration
    self.detector = detector
    self.audit = audit
    self.metrics = ServerMetrics()
    self.resources = try StaticResources.load()
    self.jobs = JobLimiter(
      capacity: configuration.maxConcurrentJobs, memoryBudget: configuration.memoryBudget)
  }

  /// The router with every route and middleware.
  public func buildRouter() -> Router<FaceGuardRequestContext> {
    let router = Router(context: FaceGuardRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: ErrorResponseMiddleware())
    for entry in StaticResources.manifest {
      guard let file = resources.files[entry.name] else { continue }
      let paths = entry.name == "index.html" ? ["/", "/index.html"] : ["/\(entry.name)"]
      for path in paths {
        router.get(RouterPath(path)) { _, _ in
          Response(
            status: .ok,
            headers: [.contentType: file.contentType, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
      }
    }
    let openAPI = OpenAPIDocument.make(defaultThreshold: configuration.defaultThreshold)
    router.get("/openapi.json") { _, _ in
      JSONResponse.make(openAPI, headers: [.cacheControl: "no-cache"])
    }
    router.get("/healthz") { _, _ in
      JSONResponse.make(["status": "ok"], headers: [.cacheControl: "no-store"])
    }
    let metrics = self.metrics
    router.get("/metrics") { _, _ in
      Response(
        status: .ok,
        headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.prometheusText())))
    }
    let api = PhotoAPI(
      detector: detector, configuration: configuration, jobs: jobs, metrics: metrics,
      audit: audit)
    let group = router.group("/api/v1")
    if let token = configuration.token {
      group.add(middleware: BearerTokenMiddleware(token: token))
    }
    group.post("/detect") { request, context in
      try await api.detect(request, client: context.client)
    }
    group.post("/anonymize") { request, context in
      try await api.anonymize(request, client: context.client)
    }
    return router
  }

  /// The application listening on the configured address.
  ///
  /// - Parameter onListening: called with the bound port once the server accepts connections.
  public func buildApplication(
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    var logger = Logger(label: "faceguard.server")
    logger.logLevel = .notice
    let timeout = configuration.requestTimeout
    let metrics = self.metrics
    return Application(
      router: buildRouter(),
      server: .http1(
        configuration: .init(
          additionalChannelHandlers: [RequestReadDeadline(limit: timeout, metrics: metrics)],
          idleTimeout: .seconds(timeout.components.seconds))),
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port),
        serverName: "FaceGuard"),
      onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
      logger: logger)
  }
}
