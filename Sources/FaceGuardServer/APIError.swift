import Hummingbird
import ImageCodecs

/// A request the API refuses, answered as JSON `{"error": "..."}` with ``status``.
struct APIError: Error, CustomStringConvertible {
  /// The HTTP status of the answer.
  let status: HTTPResponse.Status
  /// A sentence a user understands.
  let message: String
  /// Extra response headers (such as `Retry-After`).
  var headers: HTTPFields = [:]

  var description: String { message }

  /// The answer to a photo the codecs could not read: 400 for an empty body, 415 for bytes that
  /// are no supported image, 422 for a damaged or too large image, 500 when encoding fails.
  init(_ error: ImageCodecError) {
    switch error {
    case .empty: status = .badRequest
    case .unrecognizedFormat: status = .unsupportedMediaType
    case .truncated, .corrupt, .tooLarge, .unsupported: status = .unprocessableContent
    case .encodeFailed: status = .internalServerError
    }
    message = error.description
  }

  init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
    self.status = status
    self.message = message
    self.headers = headers
  }
}
