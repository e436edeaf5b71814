import FaceDetection
import FaceGuardCore
import FaceGuardServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ImageCodecs
import TestSupport
import Testing

@Suite("Server endpoints")
struct ServerEndpointTests {
  @Test("GET /healthz answers ok over a live connection, with the security headers")
  func health() async throws {
    let app = try ServerTestSupport.app(ServerConfiguration(port: 0))
    try await Application(router: app.buildRouter()).test(.live) { client in
      let response = try await client.execute(uri: "/healthz", method: .get)
      #expect(response.status == .ok)
      #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
      let csp = try #require(response.headers[.contentSecurityPolicy])
      #expect(csp.contains("default-src 'self'"))
      #expect(csp.contains("img-src 'self' blob: data:"))
      #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
      #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
      #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
    }
  }

  @Test("The page, its script and style and the OpenAPI document are served")
  func staticFiles() async throws {
    let app = try ServerTestSupport.app()
    try await ServerTestSupport.withClient(app) { client in
      let page = try await client.execute(uri: "/", method: .get)
      #expect(page.status == .ok)
      #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
      let html = String(buffer: page.body)
      #expect(html.contains("<script src=\"app.js\" defer></script>"))
      #expect(!html.contains("http://") && !html.contains("https://"))
      for (path, type) in [
        ("/app.js", "text/javascript"), ("/app.css", "text/css"), ("/zip.js", "text/javascript"),
      ] {
        let response = try await client.execute(uri: path, method: .get)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix(type) == true)
        #expect(response.body.readableBytes > 100)
      }
      let spec = try await client.execute(uri: "/openapi.json", method: .get)
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(spec.body.readableBytesView))
          as? [String: Any])
      #expect((json["openapi"] as? String)?.hasPrefix("3.") == true)
      let paths = try #require(json["paths"] as? [String: Any])
      #expect(
        Set(paths.keys) == ["/api/v1/anonymize", "/api/v1/detect", "/healthz", "/metrics"])
    }
  }

  @Test("An unknown path answers 404 as JSON with the security headers")
  func notFound() async throws {
    let app = try ServerTestSupport.app()
    try await ServerTestSupport.withClient(app) { client in
      let response = try await client.execute(uri: "/nothing-here", method: .get)
      #expect(response.status == .notFound)
      #expect(ServerTestSupport.errorMessage(response) != nil)
      #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
    }
  }

  @Test("POST /api/v1/detect finds the astronaut's face")
  func detect() async throws {
    let app = try ServerTestSupport.app()
    let photo = try TestImages.portraitBytes()
    try await ServerTestSupport.withClient(app) { client in
      let response = try await client.execute(
        uri: "/api/v1/detect?threshold=0.5", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      #expect(response.status == .ok)
      #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
      struct Body: Decodable {
        struct Face: Decodable { var x, y, w, h, score: Double }
        var width: Int
        var height: Int
        var faces: [Face]
      }
      let body = try JSONDecoder().decode(Body.self, from: Data(response.body.readableBytesView))
      #expect(body.width == 512 && body.height == 512)
      #expect(body.faces.count == 1)
      let face = try #require(body.faces.first)
      #expect(face.score >= 0.5)
      #expect((150...250).contains(face.x + face.w / 2) && (50...200).contains(face.y + face.h / 2))
      #expect(response.headers[HTTPField.Name("X-Faces")!] == "1")
    }
  }

  @Test("POST /api/v1/anonymize with raw bytes hides the face and leaves the rest alone")
  func anonymizeRaw() async throws {
    let app = try ServerTestSupport.app()
    let photo = try TestImages.portraitBytes()
    let original = try ImageDecoder.decode(photo).image
    let face = try #require(
      try ServerTestSupport.centerFace.get().detect(in: original, threshold: 0.5).first)
    try await ServerTestSupport.withClient(app) { client in
      let response = try await client.execute(
        uri: "/api/v1/anonymize?mode=pixelate&shape=box", method: .post,
        headers: [.contentType: "application/octet-stream"], body: ByteBuffer(bytes: photo))
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "image/png")
      #expect(response.headers[HTTPField.Name("X-Faces")!] == "1")
      for stage in ["Decode", "Detect", "Redact", "Encode", "Total"] {
        #expect(response.headers[HTTPField.Name("X-Timing-\(stage)-Ms")!] != nil)
      }
      #expect(response.headers[.cacheControl] == "no-store")
      let output = try ImageDecoder.decode(ServerTestSupport.bytes(response)).image
      #expect(output.width == 512 && output.height == 512)
      #expect(PixelComparison.meanDifference(original, output, in: face.box) > 5)
      let corner = Rect(x: 420, y: 420, width: 90, height: 90)
      #expect(PixelComparison.meanDifference(original, output, in: corner) == 0)
    }
  }

  @Test("Explicit boxes are hidden instead of the detected face; an empty list hides nothing")
  func explicitBoxes() async throws {
    let app = try ServerTestSupport.app()
    let photo = try TestImages.portraitBytes()
    let original = try ImageDecoder.decode(photo).image
    let face = try #require(
      try ServerTestSupport.centerFace.get().detect(in: original, threshold: 0.5).first)
    let box = Rect(x: 400, y: 400, width: 80, height: 80)
    try await ServerTestSupport.withClient(app) { client in
      let (headers, body) = ServerTestSupport.multipart(
        file: photo,
        fields: [
          ("mode", "solid"), ("color", "ff0000"), ("boxes", #"[{"x":400,"y":400,"w":80,"h":80}]"#),
        ])
      let response = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: headers, body: body)
      #expect(response.status == .ok)
      #expect(response.headers[HTTPField.Name("X-Faces")!] == "1")
      let output = try ImageDecoder.decode(ServerTestSupport.bytes(response)).image
      #expect(PixelComparison.meanDifference(original, output, in: box) > 20)
      let centre = (box.midY.rounded() * 512 + box.midX.rounded()) * 3
      #expect(Array(output.pixels[Int(centre)..<Int(centre) + 3]) == [255, 0, 0])
      #expect(PixelComparison.meanDifference(original, output, in: face.box) == 0)

      let (emptyHeaders, emptyBody) = ServerTestSupport.multipart(
        file: photo, fields: [("boxes", "[]")])
      let unchanged = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: emptyHeaders, body: emptyBody)
      #expect(unchanged.status == .ok)
      #expect(unchanged.headers[HTTPField.Name("X-Faces")!] == "0")
      let same = try ImageDecoder.decode(ServerTestSupport.bytes(unchanged)).image
      #expect(same.pixels == original.pixels)
    }
  }

  @Test("The format option converts the output")
  func formatOption() async throws {
    let app = try ServerTestSupport.app()
    let photo = try TestImages.portraitBytes()
    try await ServerTestSupport.withClient(app) { client in
      let response = try await client.execute(
        uri: "/api/v1/anonymize?format=jpeg&quality=70&boxes=%5B%5D", method: .post,
        headers: [.contentType: "image/png"], body: ByteBuffer(bytes: photo))
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "image/jpeg")
      #expect(ImageFormat(sniffing: ServerTestSupport.bytes(response)) == .jpeg)
    }
  }

  @Test("GET /metrics counts requests by route and status, images and faces")
  func metrics() async throws {
    let app = try ServerTestSupport.app()
    let photo = try TestImages.portraitBytes()
    try await ServerTestSupport.withClient(app) { client in
      let before = try await client.execute(uri: "/metrics", method: .get)
      #expect(before.headers[.contentType]?.hasPrefix("text/plain") == true)
      #expect(String(buffer: before.body).contains("faceguard_images_processed_total 0"))
      _ = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: photo))
      _ = try await client.execute(
        uri: "/api/v1/anonymize", method: .post, headers: [.contentType: "image/png"],
        body: ByteBuffer(bytes: [1, 2, 3]))
      let after = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
      #expect(
        after.contains(
          #"faceguard_http_requests_total{method="POST",route="/api/v1/anonymize",status="200"} 1"#
        ))
      #expect(
        after.contains(
          #"faceguard_http_requests_total{method="POST",route="/api/v1/anonymize",status="415"} 1"#
        ))
      #expect(after.contains("faceguard_images_processed_total 1"))
      #expect(after.contains("faceguard_faces_total 1"))
      #expect(after.contains(#"faceguard_http_request_duration_seconds_bucket{le="+Inf"} 3"#))
      #expect(after.contains("faceguard_http_request_duration_seconds_count 3"))
    }
    #expect(app.metrics.imagesProcessed == 1)
  }
}
