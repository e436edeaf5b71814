import HTTPTypes
import Hummingbird

/// Adds headers that keep the page and the API from being framed, sniffed, leaking referrers or
/// loading anything from another origin. Every response passes through it.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The Content-Security-Policy: only this server's own scripts, styles and images (plus the
  /// `blob:` and `data:` images the page makes from the user's photos).
  static var contentSecurityPolicy: String {
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'"
  }

  /// The headers added to every response.
  static var headers: [(HTTPField.Name, String)] {
    [
      (.contentSecurityPolicy, contentSecurityPolicy),
      (.referrerPolicy, "no-referrer"),
      (.xContentTypeOptions, "nosniff"),
      (.xFrameOptions, "DENY"),
      (.crossOriginOpenerPolicy, "same-origin"),
      (.crossOriginResourcePolicy, "same-origin"),
      (.permissionsPolicy, "camera=(), microphone=(), geolocation=()"),
    ]
  }

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await next(request, context)
    for (name, value) in Self.headers {
      response.headers[name] = value
    }
    return response
  }
}

extension HTTPField.Name {
  static let referrerPolicy = Self("Referrer-Policy")!
  static let xContentTypeOptions = Self("X-Content-Type-Options")!
  static let xFrameOptions = Self("X-Frame-Options")!
  static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
  static let crossOriginResourcePolicy = Self("Cross-Origin-Resource-Policy")!
  static let permissionsPolicy = Self("Permissions-Policy")!
  static let xFaces = Self("X-Faces")!
}
