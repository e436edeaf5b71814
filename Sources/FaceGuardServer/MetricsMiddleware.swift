import Hummingbird

/// Counts every request in ``ServerMetrics`` by method, route pattern and status, with its
/// latency.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
  /// Where the counts go.
  let metrics: ServerMetrics

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    let response = try await next(request, context)
    let elapsed = ContinuousClock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    metrics.recordRequest(
      method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
      status: response.status.code, seconds: seconds)
    return response
  }
}
