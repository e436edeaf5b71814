import FaceGuardServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
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

  @Test("Beyond the job limit a request gets 503 with Retry-After at once")
  func busy() async throws {
    let detector = GatedDetector()
    let app = try ServerTestSupport.app(
      ServerConfiguration(maxConcurrentJobs: 1), detector: detector)
    let photo = try TestImages.portraitBytes()
    try await ServerTestSupport.withClient(app) { client in
      let held = Task {
        try await client.execute(
          uri: "/api/v1/detect", method: .post, headers: [.contentType: "image/png"],
          body: ByteBuffer(bytes: photo))
      }
      await detector.waitUntilEntered()
      let refused = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      #expect(refused.status == .serviceUnavailable)
      #expect(refused.headers[.retryAfter] == "1")
      #expect(ServerTestSupport.errorMessage(refused)?.contains("busy") == true)
      detector.release()
      let first = try await held.value
      #expect(first.status == .ok)
      let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
      #expect(metrics.contains("faceguard_jobs_rejected_total 1"))
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

  @Test("Requests write no file to the temporary folder or the working folder")
  func noFilesWritten() async throws {
    let app = try ServerTestSupport.app()
    let photo = try TestImages.portraitBytes()
    let folders = [
      FileManager.default.temporaryDirectory.path, FileManager.default.currentDirectoryPath,
    ]
    // Regular files only: other processes on the machine create folders in the temporary
    // directory, and another suite's codec fixture writes `faceguard-codec-*` files there.
    func listing() -> [String: [String]] {
      Dictionary(
        uniqueKeysWithValues: folders.map { folder in
          let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
          let files = names.filter { name in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(
              atPath: folder + "/" + name, isDirectory: &isFolder)
            return exists && !isFolder.boolValue && !name.hasPrefix("faceguard-codec-")
          }
          return (folder, files.sorted())
        })
    }
    let before = listing()
    try await ServerTestSupport.withClient(app) { client in
      for query in ["", "?format=webp", "?format=jpeg&mode=pixelate"] {
        let response = try await client.execute(
          uri: "/api/v1/anonymize\(query)", method: .post, headers: [.contentType: "image/png"],
          body: ByteBuffer(bytes: photo))
        #expect(response.status == .ok)
      }
      let (headers, body) = ServerTestSupport.multipart(
        file: photo, fields: [("boxes", #"[{"x":1,"y":1,"w":30,"h":30}]"#)])
      let form = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: headers, body: body)
      #expect(form.status == .ok)
    }
    let after = listing()
    for folder in folders {
      let added = Set(after[folder] ?? []).subtracting(before[folder] ?? [])
      #expect(added.isEmpty, "new files in \(folder): \(added.sorted())")
    }
  }
}
