import FaceDetection
import FaceGuard
import FaceGuardAudit
import FaceGuardCore
import FaceGuardServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("faceguard serve --audit: a line per photo received, with the client, never the photo")
struct ServerAuditTests {
  /// An app recording into `audit.jsonl` of `folder`, with stand-in model files hashed.
  private func app(in folder: TemporaryFolder) throws -> FaceGuardWebApp {
    try folder.write(Array("stand-in network".utf8), to: "models/centerface.onnx")
    try folder.write(Array("stand-in calibration".utf8), to: "models/centerface.int8.json")
    var detector = DetectorSettings()
    detector.preset = .fast
    let audit = ServerAudit(
      log: try AuditLog(path: folder.path("audit.jsonl").path),
      settings: try AuditSettings(
        detector: detector, photo: PhotoSettings(), threshold: 0.3,
        store: ModelStore(directory: folder.path("models"))))
    return try FaceGuardWebApp(
      configuration: ServerConfiguration(port: 0), detector: FixedFaceDetector(), audit: audit)
  }

  @Test("a reviewed render, a detection and a refused request each leave their line")
  func linesOfRequests() async throws {
    try await TemporaryFolder.useAsync { folder in
      let app = try app(in: folder)
      let photo = try ServerTestSupport.smallPhoto()
      let answer = try await Application(router: app.buildRouter()).test(.live) { client in
        let (headers, body) = ServerTestSupport.multipart(
          file: photo,
          fields: [
            ("mode", "solid"), ("watermark", "anonymized"),
            ("boxes", #"[{"x":2,"y":2,"w":10,"h":10},{"x":30,"y":20,"w":8,"h":8}]"#),
            ("boxes_added", "1"), ("boxes_removed", "2"),
          ])
        let rendered = try await client.execute(
          uri: "/api/v1/anonymize", method: .post, headers: headers, body: body)
        #expect(rendered.status == .ok)
        let detected = try await client.execute(
          uri: "/api/v1/detect", method: .post, headers: [.contentType: "image/png"],
          body: ByteBuffer(bytes: photo))
        #expect(detected.status == .ok)
        let refused = try await client.execute(
          uri: "/api/v1/anonymize?mode=sketch", method: .post,
          headers: [.contentType: "image/png"], body: ByteBuffer(bytes: photo))
        #expect(refused.status == .badRequest)
        return ServerTestSupport.bytes(rendered)
      }
      let audit = try AuditFile(path: folder.path("audit.jsonl").path)
      #expect(audit.entries.count == 3)
      let upload = FileDigest(of: photo)
      let render = try #require(audit.entries.first?.record)
      #expect(render.status == .ok && render.request == "POST /api/v1/anonymize")
      #expect(
        render.client?.hasPrefix("127.0.0.1:") == true, "\(String(describing: render.client))")
      #expect(render.inputDigest == upload && render.input == nil && render.output == nil)
      #expect(render.outputDigest == FileDigest(of: answer))
      #expect(render.facesHidden == 2 && render.style.mode == "solid")
      #expect(render.watermark == "anonymized" && render.detector == "centerface")
      #expect(
        render.review == AuditRecord.Review(source: "boxes", regions: 2, added: 1, removed: 2))
      #expect(render.models.map(\.file) == ["centerface.onnx", "centerface.int8.json"])
      let detection = audit.entries[1].record
      #expect(detection.request == "POST /api/v1/detect" && detection.facesFound == 1)
      #expect(detection.facesHidden == nil && detection.outputSHA256 == nil)
      #expect(detection.style == AuditRecord.Style(mode: "none"))
      let refusal = audit.entries[2].record
      #expect(refusal.status == .failed && refusal.inputDigest == upload)
      #expect(refusal.error == "mode must be blur, pixelate, solid or none, got sketch")
      let log = try folder.read("audit.jsonl")
      #expect(!log.containsSequence(Array(photo[40..<72])), "photo bytes in the audit log")
      #expect(
        OutputCheckProbe.passes(answer, in: folder, audit: audit),
        "the downloaded answer is found by its hash")
    }
  }

  @Test("without --audit nothing is recorded and answers are unchanged")
  func noAudit() async throws {
    let app = try ServerTestSupport.app(detector: FixedFaceDetector())
    #expect(app.audit == nil)
    let photo = try ServerTestSupport.smallPhoto()
    try await ServerTestSupport.withClient(app) { client in
      let response = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      #expect(response.status == .ok)
    }
  }
}

/// Checks a downloaded answer the way `faceguard verify` does.
private enum OutputCheckProbe {
  static func passes(_ answer: [UInt8], in folder: TemporaryFolder, audit: AuditFile) -> Bool {
    guard let url = try? folder.write(answer, to: "downloads/anonymized.png") else { return false }
    return OutputCheck(path: url.path, against: audit, checkingInput: false).verdict
      == .ok(line: 1, byHash: true)
  }
}
