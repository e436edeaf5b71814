import FaceGuardServer
import Foundation
import Hummingbird
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A plain TCP connection to the server on loopback, for clients no HTTP library would be.
private final class LoopbackConnection {
  private let socket: Int32

  init(port: Int) throws {
    socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(socket >= 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    try #require(connected == 0)
    var wait = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit { close(socket) }

  /// Sends `text`; `false` once the server has closed the connection.
  @discardableResult
  func send(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      == bytes.count
  }

  /// Everything the server sends until it closes the connection (or 10 s pass).
  func readToEnd() -> [UInt8] {
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      if count <= 0 { return received }
      received += chunk[0..<count]
    }
  }
}

@Suite("Slow clients are cut off without holding a job slot")
struct SlowClientTests {
  @Test("Trickled headers and a trickled body are closed after the time limit; others are served")
  func slowLoris() async throws {
    let configuration = ServerConfiguration(
      port: 0, maxConcurrentJobs: 1, requestTimeout: .seconds(2))
    let app = try ServerTestSupport.app(configuration, detector: FixedFaceDetector())
    let listening = AsyncStream.makeStream(of: Int.self)
    let server = Task {
      try await app.buildApplication(onListening: { listening.continuation.yield($0) }).run()
    }
    defer { server.cancel() }
    var ports = listening.stream.makeAsyncIterator()
    let port = try #require(await ports.next())
    let photo = try ServerTestSupport.smallPhoto()

    let outcome = try await withThrowingTaskGroup(of: (String, Double, Bool).self) { group in
      for slowPart in ["headers", "body"] {
        group.addTask {
          let connection = try LoopbackConnection(port: port)
          let start = Date()
          var open = true
          let head =
            "POST /api/v1/detect HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
          if slowPart == "headers" {
            open = connection.send(Array(head.utf8))
            while open && Date().timeIntervalSince(start) < 8 {
              try await Task.sleep(for: .milliseconds(200))
              open = connection.send(Array("X-Padding: 1\r\n".utf8))
            }
          } else {
            open = connection.send(Array((head + "Content-Length: 100000\r\n\r\n").utf8))
            while open && Date().timeIntervalSince(start) < 8 {
              try await Task.sleep(for: .milliseconds(200))
              open = connection.send([UInt8](repeating: 0x42, count: 16))
            }
          }
          return (slowPart, Date().timeIntervalSince(start), open)
        }
      }
      group.addTask {
        try await Task.sleep(for: .milliseconds(500))
        let connection = try LoopbackConnection(port: port)
        let request =
          "POST /api/v1/detect HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
          + "Content-Length: \(photo.count)\r\nConnection: close\r\n\r\n"
        connection.send(Array(request.utf8) + photo)
        let answer = String(decoding: connection.readToEnd(), as: UTF8.self)
        return ("normal", 0, answer.hasPrefix("HTTP/1.1 200"))
      }
      var outcome: [String: (Double, Bool)] = [:]
      for try await (name, seconds, flag) in group { outcome[name] = (seconds, flag) }
      return outcome
    }
    #expect(outcome["normal"]?.1 == true, "a normal request beside slow ones was not served")
    for slow in ["headers", "body"] {
      let (seconds, stillOpen) = try #require(outcome[slow])
      #expect(!stillOpen, "the \(slow) trickler was never cut off")
      // Cut off at the 2 s limit, seen by the trickler within a few sends; the bound leaves room
      // for a loaded machine (the whole suite runs in parallel) below the trickler's own 8 s.
      #expect(
        seconds >= 1.5 && seconds < 7.5, "the \(slow) trickler was cut off after \(seconds) s")
    }
    #expect(app.metrics.slowClientsClosed == 2)
    #expect(app.metrics.imagesProcessed == 1)
  }
}
