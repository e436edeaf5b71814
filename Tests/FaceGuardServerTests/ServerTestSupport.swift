import FaceDetection
import FaceGuardCore
import FaceGuardServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ImageCodecs
import TestSupport
import Testing

/// Shared pieces of the server tests.
enum ServerTestSupport {
  /// The real detector, loaded once for all tests.
  static let centerFace: Result<CenterFace, any Error> = Result {
    try CenterFace(store: ModelStore(directory: ModelFiles.directory), threads: 1)
  }

  /// An app with `configuration` and the real detector unless `detector` is given.
  static func app(
    _ configuration: ServerConfiguration = ServerConfiguration(),
    detector: (any FaceDetector)? = nil
  ) throws -> FaceGuardWebApp {
    try FaceGuardWebApp(configuration: configuration, detector: detector ?? centerFace.get())
  }

  /// Runs `body` against `app`'s router without a network.
  static func withClient<Value: Sendable>(
    _ app: FaceGuardWebApp, _ body: @Sendable (any TestClientProtocol) async throws -> Value
  ) async throws -> Value {
    try await Application(router: app.buildRouter()).test(.router, body)
  }

  /// A `multipart/form-data` body with the photo as `file` and `fields` before it.
  static func multipart(file: [UInt8], fields: [(String, String)]) -> (HTTPFields, ByteBuffer) {
    let boundary = "faceguard-test-boundary-7d1f"
    var body = ""
    for (name, value) in fields {
      body +=
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    body +=
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
      + "Content-Type: image/png\r\n\r\n"
    var buffer = ByteBuffer(string: body)
    buffer.writeBytes(file)
    buffer.writeString("\r\n--\(boundary)--\r\n")
    return ([.contentType: "multipart/form-data; boundary=\(boundary)"], buffer)
  }

  /// The `error` message of a JSON error body.
  static func errorMessage(_ response: TestResponse) -> String? {
    struct Body: Decodable { var error: String }
    return try? JSONDecoder().decode(Body.self, from: Data(response.body.readableBytesView)).error
  }

  /// A response body parsed as a JSON object.
  static func json(_ body: [UInt8]) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(body))
    return try #require(value as? [String: Any])
  }

  /// A small PNG (64x48 noise) for requests whose faces come from a ``FixedFaceDetector``.
  static func smallPhoto() throws -> [UInt8] {
    try ImageEncoder.encode(TestImages.noise(width: 64, height: 48), as: .png)
  }

  /// The bytes of a response body.
  static func bytes(_ response: TestResponse) -> [UInt8] {
    Array(response.body.readableBytesView)
  }
}

/// A detector that finds one face at a fixed place, so requests need no model.
struct FixedFaceDetector: FaceDetector {
  let profile = DetectorProfile(
    tileSize: 64, smallestFace: 8, largestTileFace: 32, acceptsAnySize: true)

  func detect(in image: Image, threshold: Double) throws -> [Face] {
    [Face(box: Rect(x: 10, y: 10, width: 20, height: 20), score: 0.9)]
      .filter { $0.score >= threshold }
  }
}

/// A detector that blocks inside `detect` until released, to hold a job slot.
final class GatedDetector: FaceDetector, @unchecked Sendable {
  private let entered = DispatchSemaphore(value: 0)
  private let gate = DispatchSemaphore(value: 0)
  let profile = DetectorProfile(
    tileSize: 64, smallestFace: 8, largestTileFace: 32, acceptsAnySize: true)

  func detect(in image: Image, threshold: Double) throws -> [Face] {
    entered.signal()
    gate.wait()
    return [Face(box: Rect(x: 10, y: 10, width: 20, height: 20), score: 0.9)]
  }

  /// Waits until a request is inside `detect`.
  func waitUntilEntered() async {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        self.entered.wait()
        continuation.resume()
      }
    }
  }

  /// Lets the blocked request go on.
  func release() { gate.signal() }
}
