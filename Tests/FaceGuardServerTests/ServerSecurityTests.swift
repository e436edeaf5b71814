import FaceGuard
import FaceGuardServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ImageCodecs
import TestSupport
import Testing

@Suite("Server tokens, job limit and privacy")
struct ServerSecurityTests {
  @Test("With a token, /api calls without it or with a wrong one get 401; the right one passes")
  func token() async throws {
    let app = try ServerTestSupport.app(ServerConfiguration(token: "s3cret-token"))
    let photo = try TestImages.portraitBytes()
    try await ServerTestSupport.withClient(app) { client in
      let missing = try await client.execute(
        uri: "/api/v1/detect", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      #expect(missing.status == .unauthorized)
      #expect(ServerTestSupport.errorMessage(missing)?.contains("Authorization: Bearer") == true)
      #expect(missing.headers[.wwwAuthenticate] == "Bearer")
      let wrong = try await client.execute(
        uri: "/api/v1/anonymize", method: .post,
        headers: [.contentType: "image/png", .authorization: "Bearer s3cret-tokem"],
        body: ByteBuffer(bytes: photo))
      #expect(wrong.status == .unauthorized)
      #expect(ServerTestSupport.errorMessage(wrong) == "the token is wrong")
      let right = try await client.execute(
        uri: "/api/v1/detect", method: .post,
        headers: [.contentType: "image/png", .authorization: "Bearer s3cret-token"],
        body: ByteBuffer(bytes: photo))
      #expect(right.status == .ok)
      let page = try await client.execute(uri: "/", method: .get)
      #expect(page.status == .ok)
    }
  }

  @Test("Listening beyond loopback needs a token")
  func nonLoopbackNeedsToken() throws {
    #expect(throws: ServerConfigurationError.tokenRequired(host: "0.0.0.0")) {
      try ServerConfiguration(host: "0.0.0.0").validate()
    }
    try ServerConfiguration(host: "0.0.0.0", token: "t").validate()
    for host in ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"] {
      try ServerConfiguration(host: host).validate()
    }
    for host in ["192.168.1.5", "127.example.com", "127.0.0.1.example.com", "::"] {
      #expect(throws: ServerConfigurationError.tokenRequired(host: host)) {
        try ServerTestSupport.app(ServerConfiguration(host: host))
      }
    }
  }

  /// Sends a photo to detect and, while `detector` holds it, another to anonymize; lets the
  /// first one go on, expects it answered, and returns the second one's answer.
  private static func answerWhileOneIsHeld(
    _ client: any TestClientProtocol, detector: GatedDetector, photo: [UInt8]
  ) async throws -> TestResponse {
    let held = Task {
      try await client.execute(
        uri: "/api/v1/detect", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
    }
    await detector.waitUntilEntered()
    let answer = try await client.execute(
      uri: "/api/v1/anonymize", method: .post, headers: [.contentType: "image/png"],
      body: ByteBuffer(bytes: photo))
    detector.release()
    #expect(try await held.value.status == .ok)
    return answer
  }

  @Test("Beyond the job limit a request gets 503 with Retry-After at once")
  func busy() async throws {
    let detector = GatedDetector()
    let app = try ServerTestSupport.app(
      ServerConfiguration(maxConcurrentJobs: 1), detector: detector)
    let photo = try TestImages.portraitBytes()
    try await ServerTestSupport.withClient(app) { client in
      let refused = try await Self.answerWhileOneIsHeld(client, detector: detector, photo: photo)
      #expect(refused.status == .serviceUnavailable)
      #expect(refused.headers[.retryAfter] == "1")
      #expect(ServerTestSupport.errorMessage(refused)?.contains("busy") == true)
      let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
      #expect(metrics.contains("faceguard_jobs_rejected_total 1"))
    }
  }

  @Test("A photo needing more than what is left of the memory budget gets 503 at once")
  func memoryBudgetTaken() async throws {
    let detector = GatedDetector()
    let photo = try TestImages.portraitBytes()
    let needed = PhotoPipeline(detector: detector, options: AnonymizeOptions())
      .workingMemory(ofFile: photo)
    let app = try ServerTestSupport.app(
      ServerConfiguration(maxConcurrentJobs: 4, memoryBudget: needed + needed / 2),
      detector: detector)
    try await ServerTestSupport.withClient(app) { client in
      let refused = try await Self.answerWhileOneIsHeld(client, detector: detector, photo: photo)
      #expect(refused.status == .serviceUnavailable)
      #expect(refused.headers[.retryAfter] == "1")
      #expect(ServerTestSupport.errorMessage(refused)?.contains("memory budget") == true)
      detector.release()
      let after = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      #expect(after.status == .ok)
    }
  }

  @Test("A photo that alone needs more than the memory budget gets 413 naming both sizes")
  func memoryBudgetExceeded() async throws {
    let photo = try TestImages.portraitBytes()
    let budget = 1_048_576
    let app = try ServerTestSupport.app(
      ServerConfiguration(memoryBudget: budget), detector: FixedFaceDetector())
    try await ServerTestSupport.withClient(app) { client in
      let response = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      #expect(response.status == .contentTooLarge)
      let message = ServerTestSupport.errorMessage(response) ?? ""
      let needed = PhotoPipeline(detector: FixedFaceDetector(), options: AnonymizeOptions())
        .workingMemory(ofFile: photo)
      #expect(message.contains("about \(needed / 1_048_576) MB"))
      #expect(message.contains("up to 1 MB"))
    }
  }

  @Test("A job over the time limit answers 503 and keeps its slot until it ends")
  func timeout() async throws {
    let detector = GatedDetector()
    let app = try ServerTestSupport.app(
      ServerConfiguration(maxConcurrentJobs: 1, requestTimeout: .milliseconds(100)),
      detector: detector)
    let photo = try TestImages.portraitBytes()
    try await ServerTestSupport.withClient(app) { client in
      let response = try await client.execute(
        uri: "/api/v1/detect", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      #expect(response.status == .serviceUnavailable)
      #expect(ServerTestSupport.errorMessage(response)?.contains("longer than") == true)
      let stillBusy = try await client.execute(
        uri: "/api/v1/detect", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      #expect(ServerTestSupport.errorMessage(stillBusy)?.contains("busy") == true)
      detector.release()
    }
  }

  @Test("Requests leave no trace of the photo in the temporary folder or the working folder")
  func noFilesWritten() async throws {
    let app = try ServerTestSupport.app()
    // A photo no other test uses: the portrait carrying a unique XMP marker, so a file that other
    // tests running in this process create at the same time is never mistaken for one the
    // server wrote.
    let marker = "faceguard-privacy-probe-\(UUID().uuidString)"
    let photo = try ImageEncoder.encode(
      TestImages.portrait(), as: .png,
      options: EncodeOptions(metadata: ImageMetadata(xmp: Array(marker.utf8))))
    let folders = [
      FileManager.default.temporaryDirectory,
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    ]
    let start = Date().addingTimeInterval(-1)
    let answers = try await ServerTestSupport.withClient(app) { client in
      var bodies: [[UInt8]] = []
      for query in ["", "?format=webp", "?format=jpeg&mode=pixelate&keep_metadata=true"] {
        let response = try await client.execute(
          uri: "/api/v1/anonymize\(query)", method: .post, headers: [.contentType: "image/png"],
          body: ByteBuffer(bytes: photo))
        #expect(response.status == .ok)
        bodies.append(ServerTestSupport.bytes(response))
      }
      let (headers, body) = ServerTestSupport.multipart(
        file: photo, fields: [("boxes", #"[{"x":1,"y":1,"w":30,"h":30}]"#)])
      let form = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: headers, body: body)
      #expect(form.status == .ok)
      bodies.append(ServerTestSupport.bytes(form))
      return bodies
    }
    for folder in folders {
      for file in Self.filesChanged(since: start, in: folder, recursive: folder == folders[0]) {
        guard let contents = try? [UInt8](Data(contentsOf: file)) else { continue }
        #expect(!contents.containsText(marker), "\(file.path) holds the uploaded photo")
        for answer in answers {
          #expect(!contents.containsSequence(answer), "\(file.path) holds an anonymized photo")
        }
      }
    }
  }

  /// The regular files below `folder` (only those directly in it unless `recursive`) created or
  /// changed since `date`, at most 16 MB each.
  private static func filesChanged(since date: Date, in folder: URL, recursive: Bool) -> [URL] {
    let keys: [URLResourceKey] = [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey]
    let options: FileManager.DirectoryEnumerationOptions =
      recursive ? [] : [.skipsSubdirectoryDescendants]
    guard
      let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: keys, options: options)
    else { return [] }
    return enumerator.compactMap { item -> URL? in
      guard let url = item as? URL,
        let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true,
        let modified = values.contentModificationDate, modified >= date,
        (values.fileSize ?? 0) <= 16 << 20
      else { return nil }
      return url
    }
  }
}
