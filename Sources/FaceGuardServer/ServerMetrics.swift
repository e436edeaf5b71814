import Synchronization

/// Counters of the server, written out in the Prometheus text format at `/metrics`.
///
/// Routes are labelled by their pattern (never by a path a client made up), so the number of
/// series stays small.
public final class ServerMetrics: Sendable {
  /// Upper bounds, in seconds, of the request latency histogram's buckets.
  public static let latencyBuckets: [Double] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
  ]

  private struct RouteStatus: Hashable, Comparable {
    var method: String
    var route: String
    var status: Int

    static func < (left: Self, right: Self) -> Bool {
      (left.route, left.method, left.status) < (right.route, right.method, right.status)
    }
  }

  private struct State {
    var requests: [RouteStatus: Int] = [:]
    var bucketCounts = [Int](repeating: 0, count: ServerMetrics.latencyBuckets.count)
    var latencyCount = 0
    var latencySum = 0.0
    var faces = 0
    var images = 0
    var rejectedBusy = 0
    var slowClients = 0
  }

  private let state = Mutex(State())

  /// Creates empty counters.
  public init() {}

  /// Counts one answered request and its latency.
  func recordRequest(method: String, route: String, status: Int, seconds: Double) {
    state.withLock { state in
      state.requests[RouteStatus(method: method, route: route, status: status), default: 0] += 1
      for (index, bound) in Self.latencyBuckets.enumerated() where seconds <= bound {
        state.bucketCounts[index] += 1
      }
      state.latencyCount += 1
      state.latencySum += seconds
    }
  }

  /// Counts one processed image and the faces found or hidden in it.
  func recordImage(faces: Int) {
    state.withLock { state in
      state.images += 1
      state.faces += faces
    }
  }

  /// Counts a request refused because every job slot was taken.
  func recordBusy() {
    state.withLock { $0.rejectedBusy += 1 }
  }

  /// Counts a connection closed because its request did not arrive in time.
  func recordSlowClient() {
    state.withLock { $0.slowClients += 1 }
  }

  /// Connections closed so far because their request did not arrive in time.
  public var slowClientsClosed: Int { state.withLock { $0.slowClients } }

  /// Images processed so far.
  public var imagesProcessed: Int { state.withLock { $0.images } }

  /// Faces found or hidden so far.
  public var facesTotal: Int { state.withLock { $0.faces } }

  /// The counters in the Prometheus text exposition format (version 0.0.4).
  public func prometheusText() -> String {
    let snapshot = state.withLock { $0 }
    var lines: [String] = [
      "# HELP faceguard_http_requests_total HTTP requests answered, by route and status.",
      "# TYPE faceguard_http_requests_total counter",
    ]
    for (key, count) in snapshot.requests.sorted(by: { $0.key < $1.key }) {
      lines.append(
        "faceguard_http_requests_total{method=\"\(key.method)\",route=\"\(key.route)\","
          + "status=\"\(key.status)\"} \(count)")
    }
    lines += [
      "# HELP faceguard_http_request_duration_seconds Time to answer a request.",
      "# TYPE faceguard_http_request_duration_seconds histogram",
    ]
    for (bound, count) in zip(Self.latencyBuckets, snapshot.bucketCounts) {
      lines.append("faceguard_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(count)")
    }
    lines += [
      "faceguard_http_request_duration_seconds_bucket{le=\"+Inf\"} \(snapshot.latencyCount)",
      "faceguard_http_request_duration_seconds_sum \(snapshot.latencySum)",
      "faceguard_http_request_duration_seconds_count \(snapshot.latencyCount)",
      "# HELP faceguard_images_processed_total Images decoded and processed.",
      "# TYPE faceguard_images_processed_total counter",
      "faceguard_images_processed_total \(snapshot.images)",
      "# HELP faceguard_faces_total Faces found (detect) or hidden (anonymize).",
      "# TYPE faceguard_faces_total counter",
      "faceguard_faces_total \(snapshot.faces)",
      "# HELP faceguard_jobs_rejected_total Requests refused with 503 because every job slot was taken.",
      "# TYPE faceguard_jobs_rejected_total counter",
      "faceguard_jobs_rejected_total \(snapshot.rejectedBusy)",
      "# HELP faceguard_slow_clients_closed_total Connections closed because a request did not arrive whole in time.",
      "# TYPE faceguard_slow_clients_closed_total counter",
      "faceguard_slow_clients_closed_total \(snapshot.slowClients)",
    ]
    return lines.joined(separator: "\n") + "\n"
  }
}
