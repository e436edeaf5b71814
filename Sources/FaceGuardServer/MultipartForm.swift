import Foundation

/// A `multipart/form-data` body (RFC 7578) split into its parts, without copying file contents
/// to disk.
struct MultipartForm {
  /// One field or file of the form.
  struct Part {
    /// The field name from `Content-Disposition`.
    var name: String
    /// The file name the client gave, if any (never logged).
    var filename: String?
    /// The part's bytes.
    var body: ArraySlice<UInt8>
  }

  /// The parts in order.
  var parts: [Part]

  /// Splits `body` at `boundary`.
  ///
  /// - Throws: ``APIError`` (400) when the body is not well-formed multipart data.
  init(body: [UInt8], boundary: String) throws {
    let delimiter = Array("--\(boundary)".utf8)
    let separator = Array("\r\n--\(boundary)".utf8)
    guard var cursor = Self.find(delimiter, in: body, from: 0) else {
      throw Self.malformed("the boundary never appears")
    }
    cursor += delimiter.count
    var parts: [Part] = []
    while true {
      if body[cursor...].starts(with: Array("--".utf8)) { break }
      guard body[cursor...].starts(with: [13, 10]) else {
        throw Self.malformed("a boundary is not followed by a line break")
      }
      cursor += 2
      guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: cursor) else {
        throw Self.malformed("a part has no end of headers")
      }
      let headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
      let contentStart = headerEnd + 4
      guard let contentEnd = Self.find(separator, in: body, from: contentStart) else {
        throw Self.malformed("the closing boundary is missing")
      }
      guard let disposition = Self.disposition(in: headers) else {
        throw Self.malformed("a part has no Content-Disposition name")
      }
      parts.append(
        Part(
          name: disposition.name, filename: disposition.filename,
          body: body[contentStart..<contentEnd]))
      cursor = contentEnd + separator.count
    }
    self.parts = parts
  }

  /// The boundary parameter of a `multipart/form-data` content type.
  static func boundary(fromContentType contentType: String) -> String? {
    for parameter in contentType.split(separator: ";").dropFirst() {
      let pair = parameter.split(separator: "=", maxSplits: 1)
      guard pair.count == 2,
        pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary"
      else { continue }
      var value = pair[1].trimmingCharacters(in: .whitespaces)
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
        value = String(value.dropFirst().dropLast())
      }
      return value.isEmpty || value.count > 200 ? nil : value
    }
    return nil
  }

  /// The `name` and `filename` parameters of a part's `Content-Disposition` header.
  private static func disposition(in headers: String) -> (name: String, filename: String?)? {
    for line in headers.split(separator: "\r\n") {
      let header = line.split(separator: ":", maxSplits: 1)
      guard header.count == 2,
        header[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
      else { continue }
      var name: String?
      var filename: String?
      for parameter in header[1].split(separator: ";") {
        let pair = parameter.split(separator: "=", maxSplits: 1)
        guard pair.count == 2 else { continue }
        let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
        var value = pair[1].trimmingCharacters(in: .whitespaces)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
          value = String(value.dropFirst().dropLast())
        }
        if key == "name" { name = value }
        if key == "filename" { filename = value }
      }
      return name.map { ($0, filename) }
    }
    return nil
  }

  /// The first index at or after `start` where `needle` occurs in `haystack`.
  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, needle.count <= haystack.count else { return nil }
    let last = haystack.count - needle.count
    var index = start
    while index <= last {
      if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
        return index
      }
      index += 1
    }
    return nil
  }

  private static func malformed(_ detail: String) -> APIError {
    APIError(.badRequest, "the multipart/form-data body is malformed: \(detail)")
  }
}
