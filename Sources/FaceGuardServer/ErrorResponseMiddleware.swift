import Hummingbird

/// Turns every error thrown below it into a JSON answer `{"error": "..."}`, so no client ever
/// sees a stack trace or an empty 500. Unexpected errors are logged by type only (never with
/// image data or file names) and answered with a generic message.
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as APIError {
      return JSONResponse.error(error)
    } catch let error as HTTPError {
      return JSONResponse.error(
        APIError(
          error.status, error.body ?? error.status.reasonPhrase.lowercased(),
          headers: error.headers))
    } catch let error as any HTTPResponseError {
      return JSONResponse.error(APIError(error.status, error.status.reasonPhrase.lowercased()))
    } catch {
      context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))"])
      return JSONResponse.error(APIError(.internalServerError, "internal error"))
    }
  }
}
