import FaceDetection
import Foundation
import TestSupport
import Testing

@Suite("faceguard detect --json-out")
struct DetectJSONCLITests {
  @Test("writes exactly {images:[{file, faces:[{x,y,w,h,score}]}]} with paths as given")
  func format() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.png(Portrait.image), to: "photos/a.png")
      try folder.write(try Encoded.jpeg(Portrait.mirrored), to: "photos/sub/b.jpg")
      try folder.write(Array("not an image".utf8), to: "photos/sub/readme.txt")
      try folder.write(try Encoded.jpeg(Portrait.image), to: "single.jpg")
      let run = try FaceGuardProcess.run(
        ["detect", "--json-out", "faces.json", "photos", "single.jpg"], in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      let document = try JSONSerialization.jsonObject(with: Data(try folder.read("faces.json")))
      let top = try #require(document as? [String: Any])
      #expect(Set(top.keys) == ["images"])
      let images = try #require(top["images"] as? [[String: Any]])
      #expect(
        images.compactMap { $0["file"] as? String } == [
          "photos/a.png", "photos/sub/b.jpg", "single.jpg",
        ])
      for image in images {
        #expect(Set(image.keys) == ["file", "faces"])
        let faces = try #require(image["faces"] as? [[String: Any]])
        #expect(faces.count == 1, "\(image)")
        for face in faces {
          #expect(Set(face.keys) == ["x", "y", "w", "h", "score"])
          #expect(face.values.allSatisfy { $0 is NSNumber }, "\(face)")
          let score = try #require(face["score"] as? Double)
          #expect(score >= CenterFace.defaultThreshold && score <= 1)
        }
      }
    }
  }
}
