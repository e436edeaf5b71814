import HTTPTypes
import Hummingbird

/// Refuses requests that do not carry `Authorization: Bearer <token>` with the server's token.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The token every request must present.
  let token: String

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let presented = request.headers[.authorization].flatMap { value -> String? in
      let prefix = "bearer "
      guard value.count > prefix.count, value.lowercased().hasPrefix(prefix) else { return nil }
      return String(value.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
    }
    guard let presented, Self.constantTimeEqual(presented, token) else {
      throw APIError(
        .unauthorized,
        presented == nil
          ? "this server needs a token: send the header Authorization: Bearer <token>"
          : "the token is wrong",
        headers: [.wwwAuthenticate: "Bearer"])
    }
    return try await next(request, context)
  }

  /// Compares two strings in time that depends only on their lengths.
  static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8)
    let b = Array(right.utf8)
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices {
      difference |= a[index] ^ b[index]
    }
    return difference == 0
  }
}
