import FaceDetection
import FaceGuard
import FaceGuardAudit
import FaceGuardCore
import Foundation
import HTTPTypes
import Hummingbird
import ImageCodecs

/// The handlers of `POST /api/v1/detect` and `POST /api/v1/anonymize`. Stateless: every photo
/// lives in memory for the length of its request only. With an audit log, every request whose
/// photo arrived whole gets a line (its hashes, never its content) before it is answered.
struct PhotoAPI: Sendable {
  /// Finds faces.
  let detector: any FaceDetector
  /// Limits and time-outs.
  let configuration: ServerConfiguration
  /// Bounds the photos processed at once.
  let jobs: JobLimiter
  /// Counts images and faces.
  let metrics: ServerMetrics
  /// Records each request's photo; `nil` for no audit log.
  let audit: ServerAudit?

  /// The faces in a photo, as JSON `{"width","height","faces":[{"x","y","w","h","score"}]}`.
  func detect(_ request: Request, client: String?) async throws -> Response {
    let upload = try await PhotoUpload.read(request, maxBytes: configuration.maxUploadBytes)
    let result = try await recorded(.detect, upload: upload, client: client) { settings in
      settings = try PhotoRequest(fields: upload.fields, for: .detect).settings
      settings.mode = .none
      let pipeline = pipeline(settings)
      return (
        try await process(upload.bytes, with: pipeline) { try pipeline.process(upload.bytes) }, nil
      )
    }
    let body = DetectResponse(
      width: result.width, height: result.height, faces: result.faces.map(FaceBox.init))
    return JSONResponse.make(body, headers: Self.headers(for: result))
  }

  /// The photo with its faces hidden (or the given `boxes`), in the input's format unless
  /// `format` names another.
  func anonymize(_ request: Request, client: String?) async throws -> Response {
    let upload = try await PhotoUpload.read(request, maxBytes: configuration.maxUploadBytes)
    let result = try await recorded(.anonymize, upload: upload, client: client) { settings in
      let request = try PhotoRequest(fields: upload.fields, for: .anonymize)
      settings = request.settings
      let pipeline = pipeline(request.settings)
      let boxes = request.boxes
      let result = try await process(upload.bytes, with: pipeline) {
        if let boxes {
          try pipeline.process(upload.bytes, hiding: boxes)
        } else {
          try pipeline.process(upload.bytes)
        }
      }
      let review = boxes.map {
        AuditRecord.Review(
          source: "boxes", regions: $0.count, added: request.boxesAdded,
          removed: request.boxesRemoved)
      }
      return (result, review)
    }
    guard let output = result.output else {
      throw APIError(.internalServerError, "no image was written")
    }
    var headers = Self.headers(for: result)
    headers[.contentType] = result.outputFormat.mediaType
    headers[.contentDisposition] =
      "inline; filename=\"anonymized.\(result.outputFormat.fileExtension)\""
    return Response(
      status: .ok, headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: output)))
  }

  /// Runs `work` on an upload and appends its line to the audit log, if there is one, before
  /// the answer goes out: what it gave, or why it failed. `work` sets the request's photo
  /// settings as soon as it has read them.
  ///
  /// - Throws: `work`'s error, or 500 when the line cannot be written (an answer that is not
  ///   recorded is not given).
  private func recorded(
    _ endpoint: PhotoEndpoint, upload: PhotoUpload, client: String?,
    _ work: (inout PhotoSettings) async throws -> (PhotoResult, AuditRecord.Review?)
  ) async throws -> PhotoResult {
    var photo = PhotoSettings()
    guard let audit else { return try await work(&photo).0 }
    let outcome: Result<(PhotoResult, AuditRecord.Review?), any Error>
    do {
      outcome = .success(try await work(&photo))
    } catch {
      outcome = .failure(error)
    }
    let record = AuditRecord(
      request: "POST \(endpoint.path)", client: client, upload: FileDigest(of: upload.bytes),
      result: outcome.map(\.0),
      settings: audit.settings.with(
        photo: photo, threshold: photo.threshold ?? configuration.defaultThreshold),
      review: try? outcome.get().1)
    do {
      try audit.log.append(record)
    } catch {
      throw APIError(
        .internalServerError, "the request could not be recorded in the audit log: \(error)")
    }
    return try outcome.get().0
  }

  /// The pipeline that processes one request's photo with its settings.
  private func pipeline(_ settings: PhotoSettings) -> PhotoPipeline {
    PhotoPipeline(
      detector: detector,
      options: settings.anonymizeOptions(
        defaultThreshold: configuration.defaultThreshold, limits: configuration.limits))
  }

  /// Runs `work` on the photo file `bytes` in a job slot, with the working memory `pipeline`
  /// needs for the photo's size reserved from the budget, and turns its failures into API errors.
  private func process(
    _ bytes: [UInt8], with pipeline: PhotoPipeline,
    _ work: @escaping @Sendable () throws -> PhotoResult
  ) async throws -> PhotoResult {
    do {
      let result = try await jobs.run(
        reserving: pipeline.workingMemory(ofFile: bytes),
        timeout: configuration.requestTimeout, work)
      metrics.recordImage(faces: result.faces.count)
      return result
    } catch JobLimiterError.busy {
      metrics.recordBusy()
      throw APIError(
        .serviceUnavailable,
        "the server is busy (every one of its \(jobs.capacity) job slots, or its memory "
          + "budget, is taken); try again in a moment",
        headers: [.retryAfter: "1"])
    } catch JobLimiterError.overBudget(let needed, let budget) {
      throw APIError(
        .contentTooLarge,
        "the photo needs about \(needed / 1_048_576) MB of memory to process; this server "
          + "processes photos of up to \(budget / 1_048_576) MB (its --memory-budget-mb)")
    } catch JobLimiterError.timedOut {
      throw APIError(
        .serviceUnavailable,
        "processing took longer than the limit of \(configuration.requestTimeout)",
        headers: [.retryAfter: "5"])
    } catch let error as ImageCodecError {
      throw APIError(error)
    } catch let error as APIError {
      throw error
    } catch {
      throw APIError(.internalServerError, "face detection failed: \(error)")
    }
  }

  /// The face count, stage timings and no-store headers of an API answer.
  private static func headers(for result: PhotoResult) -> HTTPFields {
    var headers: HTTPFields = [.cacheControl: "no-store"]
    headers[.xFaces] = String(result.faces.count)
    let timings = result.timings
    for (name, value) in [
      ("Decode", timings.decode), ("Detect", timings.detect), ("Redact", timings.redact),
      ("Encode", timings.encode), ("Total", timings.total),
    ] {
      if let field = HTTPField.Name("X-Timing-\(name)-Ms") {
        headers[field] = String(format: "%.1f", value)
      }
    }
    return headers
  }
}

/// The answer of `POST /api/v1/detect`.
struct DetectResponse: Codable {
  /// Upright width in pixels.
  var width: Int
  /// Upright height in pixels.
  var height: Int
  /// Faces, best first.
  var faces: [FaceBox]
}

extension ImageFormat {
  /// The IANA media type of the format.
  var mediaType: String {
    switch self {
    case .jpeg: "image/jpeg"
    case .png: "image/png"
    case .webp: "image/webp"
    case .heic: "image/heic"
    }
  }
}
