import NIOCore
import NIOHTTPTypes

/// Closes a connection whose next request does not arrive whole, head and body, within a time
/// limit of the connection being ready for it.
///
/// Clients that trickle their headers or body a few bytes at a time ("slow loris") would
/// otherwise hold a connection and its buffers open for as long as they keep sending; here they
/// are cut off. They never hold a job slot: a photo is processed only once its whole body is in.
/// The limit also ends keep-alive connections left idle for as long.
final class RequestReadDeadline: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let limit: TimeAmount
  private let metrics: ServerMetrics
  private var timer: Scheduled<Void>?
  /// Requests whose head arrived and whose response has not ended yet.
  private var unanswered = 0

  /// Creates the handler of one connection.
  init(limit: Duration, metrics: ServerMetrics) {
    let components = limit.components
    self.limit = .nanoseconds(
      components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000)
    self.metrics = metrics
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { arm(context) }
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    disarm()
  }

  func channelActive(context: ChannelHandlerContext) {
    arm(context)
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    disarm()
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head: unanswered += 1
    case .body: break
    case .end: disarm()
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let ends = if case .end = unwrapOutboundIn(data) { true } else { false }
    context.write(data, promise: promise)
    if ends {
      unanswered = max(0, unanswered - 1)
      if unanswered == 0 { arm(context) }
    }
  }

  /// Starts the clock for the next request.
  private func arm(_ context: ChannelHandlerContext) {
    disarm()
    let bound = context.loopBound
    let metrics = self.metrics
    timer = context.eventLoop.scheduleTask(in: limit) {
      metrics.recordSlowClient()
      bound.value.close(promise: nil)
    }
  }

  private func disarm() {
    timer?.cancel()
    timer = nil
  }
}
