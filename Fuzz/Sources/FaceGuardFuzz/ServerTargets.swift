import HummingbirdCore

@testable import FaceGuardServer

/// Targets for the server's request decoding: `multipart/form-data` bodies and query strings,
/// read into photo options as `PhotoUpload` and `PhotoRequest` do.
enum ServerTargets {
  /// The input's first line is the `Content-Type` header, the rest the body: the boundary is
  /// read from the header, the body split into parts and the non-file fields read as options of
  /// both endpoints.
  static func multipart(_ bytes: [UInt8]) -> Bool {
    let newline = bytes.firstIndex(of: 10) ?? bytes.endIndex
    let contentType = String(decoding: bytes[..<newline], as: UTF8.self)
    let body = Array(bytes[min(newline + 1, bytes.endIndex)...])
    guard let boundary = MultipartForm.boundary(fromContentType: contentType) else { return true }
    guard let form = try? MultipartForm(body: body, boundary: boundary) else { return true }
    var fields: [String: String] = [:]
    for part in form.parts {
      fuzzCheck(
        part.body.startIndex >= 0 && part.body.endIndex <= body.count,
        "a part lies outside the body")
      if part.name != "file" {
        fields[part.name] = String(decoding: part.body, as: UTF8.self)
      }
    }
    readOptions(fields)
    return true
  }

  /// The input is a query string: decoded by Hummingbird's `URI` as the server does, then read
  /// as options of both endpoints.
  static func query(_ bytes: [UInt8]) -> Bool {
    let uri = URI("/api/v1/anonymize?" + String(decoding: bytes, as: UTF8.self))
    var fields: [String: String] = [:]
    for (key, value) in uri.queryParameters {
      fields[String(key)] = String(value)
    }
    readOptions(fields)
    return true
  }

  /// Reads `fields` as the options of every endpoint; refusals are expected.
  private static func readOptions(_ fields: [String: String]) {
    for endpoint in PhotoEndpoint.allCases {
      _ = try? PhotoRequest(fields: fields, for: endpoint)
    }
  }
}
