import Foundation
import HTTPTypes
import Hummingbird

/// A photo sent to the API, with the options that came with it.
///
/// The body is either the raw image bytes (`Content-Type` `image/*` or
/// `application/octet-stream`, or none) with options in the query string, or
/// `multipart/form-data` with a `file` part and options as query or form fields (form fields win).
struct PhotoUpload {
  /// The encoded image.
  var bytes: [UInt8]
  /// Option name to value, from the query string and form fields.
  var fields: [String: String]

  /// Reads the body of `request`, at most `maxBytes` of it, into memory.
  ///
  /// - Throws: ``APIError`` 413 for a body over the limit, 415 for an unsupported content type,
  ///   400 for a malformed form or a missing photo.
  static func read(_ request: Request, maxBytes: Int) async throws -> PhotoUpload {
    if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
      throw tooLarge(maxBytes)
    }
    var fields: [String: String] = [:]
    for (key, value) in request.uri.queryParameters {
      fields[String(key)] = String(value)
    }
    let contentType = request.headers[.contentType] ?? ""
    let mediaType =
      contentType.split(separator: ";").first.map {
        $0.trimmingCharacters(in: .whitespaces).lowercased()
      } ?? ""
    let isMultipart = mediaType == "multipart/form-data"
    guard
      isMultipart || mediaType.isEmpty || mediaType.hasPrefix("image/")
        || mediaType == "application/octet-stream"
    else {
      throw APIError(
        .unsupportedMediaType,
        "content type \(mediaType) is not accepted: send the image bytes (image/* or "
          + "application/octet-stream) or multipart/form-data with a file part")
    }
    let boundary = MultipartForm.boundary(fromContentType: contentType)
    if isMultipart && boundary == nil {
      throw APIError(.badRequest, "the multipart/form-data content type has no boundary")
    }
    let body = try await collect(request.body, maxBytes: maxBytes)
    guard isMultipart, let boundary else { return PhotoUpload(bytes: body, fields: fields) }
    var file: [UInt8]?
    for part in try MultipartForm(body: body, boundary: boundary).parts {
      if part.name == "file" {
        file = Array(part.body)
      } else {
        fields[part.name] = String(decoding: part.body, as: UTF8.self)
      }
    }
    guard let file else {
      throw APIError(.badRequest, "the form has no part named file holding the photo")
    }
    return PhotoUpload(bytes: file, fields: fields)
  }

  /// The body's bytes, refusing more than `maxBytes`.
  private static func collect(_ body: RequestBody, maxBytes: Int) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    for try await buffer in body {
      guard bytes.count + buffer.readableBytes <= maxBytes else { throw tooLarge(maxBytes) }
      bytes.append(contentsOf: buffer.readableBytesView)
    }
    return bytes
  }

  private static func tooLarge(_ maxBytes: Int) -> APIError {
    APIError(.contentTooLarge, "the upload is larger than the limit of \(maxBytes) bytes")
  }
}
