import FaceDetection
import FaceGuardServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ImageCodecs
import TestSupport
import Testing

@Suite("Server limits and bad input")
struct ServerLimitTests {
  /// Sends `body` to `/api/v1/anonymize` and returns the status and JSON error message.
  private func post(
    _ app: FaceGuardWebApp, uri: String = "/api/v1/anonymize", headers: HTTPFields,
    body: ByteBuffer
  ) async throws -> (HTTPResponse.Status, String?) {
    try await ServerTestSupport.withClient(app) { client in
      let response = try await client.execute(
        uri: uri, method: .post, headers: headers, body: body)
      #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
      #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
      return (response.status, ServerTestSupport.errorMessage(response))
    }
  }

  @Test("A body over the upload limit is refused with 413")
  func oversized() async throws {
    let app = try ServerTestSupport.app(ServerConfiguration(maxUploadBytes: 1000))
    let photo = try TestImages.portraitBytes()
    let (status, message) = try await post(
      app, headers: [.contentType: "image/png"], body: ByteBuffer(bytes: photo))
    #expect(status == .contentTooLarge)
    #expect(message?.contains("1000 bytes") == true)
  }

  @Test("Bytes that are no image are refused with 415, an empty body with 400")
  func garbage() async throws {
    let app = try ServerTestSupport.app()
    let (status, message) = try await post(
      app, headers: [.contentType: "image/jpeg"], body: ByteBuffer(string: "not an image at all"))
    #expect(status == .unsupportedMediaType)
    #expect(message == ImageCodecError.unrecognizedFormat.description)
    let (emptyStatus, emptyMessage) = try await post(
      app, uri: "/api/v1/detect", headers: [.contentType: "image/png"], body: ByteBuffer())
    #expect(emptyStatus == .badRequest)
    #expect(emptyMessage == ImageCodecError.empty.description)
  }

  @Test("A damaged image is refused with 422")
  func truncated() async throws {
    let app = try ServerTestSupport.app()
    let photo = try TestImages.portraitBytes()
    let (status, message) = try await post(
      app, headers: [.contentType: "image/png"], body: ByteBuffer(bytes: photo.prefix(2000)))
    #expect(status == .unprocessableContent)
    #expect(message?.contains("PNG") == true)
  }

  @Test("A content type other than an image or a form is refused with 415")
  func wrongContentType() async throws {
    let app = try ServerTestSupport.app()
    let photo = try TestImages.portraitBytes()
    let (status, message) = try await post(
      app, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: photo))
    #expect(status == .unsupportedMediaType)
    #expect(message?.contains("application/json") == true)
  }

  @Test("An image with more pixels than the limit is refused with 422 and the codec's message")
  func tooManyPixels() async throws {
    let app = try ServerTestSupport.app(
      ServerConfiguration(limits: DecodeLimits(maxPixels: 10_000)))
    let photo = try TestImages.portraitBytes()
    let (status, message) = try await post(
      app, uri: "/api/v1/detect", headers: [.contentType: "image/png"],
      body: ByteBuffer(bytes: photo))
    #expect(status == .unprocessableContent)
    #expect(
      message == ImageCodecError.tooLarge(width: 512, height: 512, limit: 10_000).description)
  }

  @Test(
    "Invalid options are refused with 400",
    arguments: [
      "mode=sparkle", "shape=star", "strength=0", "mask_scale=9", "threshold=2", "color=red",
      "format=heic", "quality=0", "keep_metadata=maybe", "boxes=nope",
      "boxes=%5B%7B%22x%22%3A1%2C%22y%22%3A1%2C%22w%22%3A0%2C%22h%22%3A5%7D%5D",
    ])
  func invalidOption(_ query: String) async throws {
    let app = try ServerTestSupport.app()
    let photo = try TestImages.portraitBytes()
    let (status, message) = try await post(
      app, uri: "/api/v1/anonymize?\(query)", headers: [.contentType: "image/png"],
      body: ByteBuffer(bytes: photo))
    #expect(status == .badRequest)
    let name = String(query.prefix { $0 != "=" })
    #expect(message?.contains(name) == true)
  }

  @Test("A form without a file part, or without a boundary, is refused with 400")
  func malformedForms() async throws {
    let app = try ServerTestSupport.app()
    let (headers, body) = ServerTestSupport.multipart(file: [], fields: [])
    var noFile = ByteBuffer(
      string:
        "--faceguard-test-boundary-7d1f\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nblur\r\n--faceguard-test-boundary-7d1f--\r\n"
    )
    let (status, message) = try await post(app, headers: headers, body: noFile)
    #expect(status == .badRequest)
    #expect(message?.contains("file") == true)
    noFile = body
    let (boundaryStatus, _) = try await post(
      app, headers: [.contentType: "multipart/form-data"], body: noFile)
    #expect(boundaryStatus == .badRequest)
    let (brokenStatus, brokenMessage) = try await post(
      app, headers: headers, body: ByteBuffer(string: "--faceguard-test-boundary-7d1f\r\nno end"))
    #expect(brokenStatus == .badRequest)
    #expect(brokenMessage?.contains("malformed") == true)
  }
}
