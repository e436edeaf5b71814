import FaceDetection
import FaceGuardCore
import FaceGuardServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// `/openapi.json` must describe exactly what the server accepts: every documented field, at a
/// value its schema allows, is accepted; just outside it, refused with a message naming the field;
/// and the fields are exactly the ones the endpoints read.
@Suite("The OpenAPI document matches what the server accepts")
struct OpenAPIContractTests {
  /// A parameter of a photo endpoint as the document gives it.
  struct Parameter {
    var name: String
    var schema: [String: Any]
  }

  static let expectedFields: [String: Set<String>] = [
    "/api/v1/detect": ["threshold"],
    "/api/v1/anonymize": [
      "mode", "shape", "color", "strength", "blocks", "mask_scale", "feather", "draw_boxes",
      "keep_metadata", "format", "quality", "threshold", "watermark", "watermark_corner", "boxes",
      "boxes_added", "boxes_removed",
    ],
  ]

  /// The document's query parameters and form fields of `path`.
  static func fields(of path: String, in document: [String: Any]) throws -> (
    query: [Parameter], form: Set<String>
  ) {
    let paths = try #require(document["paths"] as? [String: Any])
    let operation = try #require((paths[path] as? [String: Any])?["post"] as? [String: Any])
    let parameters = try #require(operation["parameters"] as? [[String: Any]]).map {
      Parameter(name: $0["name"] as? String ?? "", schema: $0["schema"] as? [String: Any] ?? [:])
    }
    let content = try #require(
      (operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])
    let form = try #require(
      ((content["multipart/form-data"] as? [String: Any])?["schema"] as? [String: Any])?[
        "properties"] as? [String: Any])
    return (parameters, Set(form.keys))
  }

  /// A value the schema allows, and (where one exists) a value just outside it.
  static func samples(for parameter: Parameter) -> (valid: String, invalid: String?) {
    let schema = parameter.schema
    if parameter.name == "boxes" { return (#"[{"x":2,"y":2,"w":10,"h":10}]"#, "[{]") }
    if let words = schema["enum"] as? [String] { return (words.last!, "bogus") }
    switch schema["type"] as? String {
    case "boolean": return ("true", "maybe")
    case "integer":
      let minimum = schema["minimum"] as? Int ?? 0
      return (String(minimum), String(minimum - 1))
    case "number":
      let maximum = schema["maximum"] as? Double ?? 1
      return (String(maximum), String(maximum + 0.5))
    case "string" where schema["maxLength"] is Int:
      #expect(schema["pattern"] as? String == "^[ -~]+$", "\(parameter.name)")
      return ("Anonymized 2025!", "Caf\u{E9}")
    default:
      #expect(schema["pattern"] as? String == "^#?[0-9a-fA-F]{6}$", "\(parameter.name)")
      return ("#FF8800", "ff88zz")
    }
  }

  @Test("Each endpoint documents exactly the fields it reads, as query and as form fields")
  func documentedFields() async throws {
    let app = try ServerTestSupport.app(detector: FixedFaceDetector())
    let document = try ServerTestSupport.json(
      await ServerTestSupport.withClient(app) { client in
        ServerTestSupport.bytes(try await client.execute(uri: "/openapi.json", method: .get))
      })
    for (path, expected) in Self.expectedFields {
      let (query, form) = try Self.fields(of: path, in: document)
      #expect(Set(query.map(\.name)) == expected, "\(path)")
      #expect(form == expected.union(["file"]), "\(path)")
    }
  }

  @Test("The documented threshold default is the server's")
  func thresholdDefault() async throws {
    let app = try ServerTestSupport.app(
      ServerConfiguration(defaultThreshold: 0.6), detector: FixedFaceDetector())
    let document = try ServerTestSupport.json(
      await ServerTestSupport.withClient(app) { client in
        ServerTestSupport.bytes(try await client.execute(uri: "/openapi.json", method: .get))
      })
    let (query, _) = try Self.fields(of: "/api/v1/detect", in: document)
    #expect(query.first { $0.name == "threshold" }?.schema["default"] as? Double == 0.6)
  }

  @Test("Every documented field is accepted inside its schema and refused outside it")
  func valuesHonoured() async throws {
    let app = try ServerTestSupport.app(detector: FixedFaceDetector())
    let photo = try ServerTestSupport.smallPhoto()
    try await ServerTestSupport.withClient(app) { client in
      let document = try ServerTestSupport.json(
        ServerTestSupport.bytes(try await client.execute(uri: "/openapi.json", method: .get)))
      for path in Self.expectedFields.keys {
        for parameter in try Self.fields(of: path, in: document).query {
          let (valid, invalid) = Self.samples(for: parameter)
          let accepted = try await client.execute(
            uri: path + "?" + Self.query(parameter.name, valid), method: .post,
            headers: [.contentType: "image/png"], body: ByteBuffer(bytes: photo))
          #expect(accepted.status == .ok, "\(path) \(parameter.name)=\(valid)")
          guard let invalid else { continue }
          let refused = try await client.execute(
            uri: path + "?" + Self.query(parameter.name, invalid), method: .post,
            headers: [.contentType: "image/png"], body: ByteBuffer(bytes: photo))
          #expect(refused.status == .badRequest, "\(path) \(parameter.name)=\(invalid)")
          let message = ServerTestSupport.errorMessage(refused) ?? ""
          #expect(message.hasPrefix(parameter.name + " must"), "\(message)")
        }
      }
    }
  }

  @Test("mode=none is refused by anonymize, which always hides the faces")
  func modeNoneRefused() async throws {
    let app = try ServerTestSupport.app(detector: FixedFaceDetector())
    let photo = try ServerTestSupport.smallPhoto()
    try await ServerTestSupport.withClient(app) { client in
      let response = try await client.execute(
        uri: "/api/v1/anonymize?mode=none", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      #expect(response.status == .badRequest)
      #expect(ServerTestSupport.errorMessage(response)?.contains("/api/v1/detect") == true)
    }
  }

  private static func query(_ name: String, _ value: String) -> String {
    name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
  }
}
