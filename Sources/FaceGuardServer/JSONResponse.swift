import Foundation
import Hummingbird

/// Builds JSON responses.
enum JSONResponse {
  /// A response whose body is `value` encoded as JSON.
  static func make(
    _ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
  ) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data =
      (try? encoder.encode(value)) ?? Data(#"{"error":"could not encode the answer"}"#.utf8)
    var fields = headers
    fields[.contentType] = "application/json; charset=utf-8"
    return Response(
      status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// The body of every error answer.
  struct ErrorBody: Encodable {
    /// What went wrong, in a sentence.
    let error: String
  }

  /// A JSON error answer.
  static func error(_ error: APIError) -> Response {
    make(ErrorBody(error: error.message), status: error.status, headers: error.headers)
  }
}
