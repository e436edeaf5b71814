import Hummingbird
import NIOCore

/// The context of every request the server handles: Hummingbird's own, and the address of the
/// client that sent it, which the audit log records.
public struct FaceGuardRequestContext: RequestContext, RemoteAddressRequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The connected client's address; `nil` when the connection has none (tests without a
  /// network).
  public let remoteAddress: SocketAddress?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress
  }

  /// The client as the audit log writes it: `192.0.2.7:51234`, `[2001:db8::1]:51234`, or the
  /// socket path.
  var client: String? {
    guard let remoteAddress else { return nil }
    if let path = remoteAddress.pathname { return path }
    guard let ip = remoteAddress.ipAddress else { return nil }
    let host = ip.contains(":") ? "[\(ip)]" : ip
    return remoteAddress.port.map { "\(host):\($0)" } ?? host
  }
}
