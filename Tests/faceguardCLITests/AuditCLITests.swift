import FaceGuardAudit
import FaceGuardCore
import Foundation
import ImageCodecs
import TestSupport
import Testing

@Suite("faceguard --audit and faceguard verify")
struct AuditCLITests {
  /// A batch of two good photos (one full of private metadata) and one damaged file.
  private func writeBatch(in folder: TemporaryFolder) throws -> [UInt8] {
    let privatePhoto = try Encoded.jpeg(
      Portrait.image, metadata: PrivateMetadataFixture.metadata(orientation: 1))
    try folder.write(privatePhoto, to: "in/private.jpg")
    try folder.write(try Encoded.png(Portrait.mirrored), to: "in/sub/mirrored.png")
    try folder.write(Array("not a photo".utf8), to: "in/broken.jpg")
    return privatePhoto
  }

  @Test("every file gets a line: hashes of input and output, settings, names of what was removed")
  func linesOfABatch() throws {
    try TemporaryFolder.use { folder in
      let privatePhoto = try writeBatch(in: folder)
      let run = try FaceGuardProcess.run(
        ["--preset", "fast", "--audit", "audit.jsonl", "-o", "out", "in"], in: folder.url)
      #expect(run.status == 1, "\(run.standardError)")
      #expect(
        run.errorLines(mentioning: "3 lines appended to the audit log audit.jsonl").count == 1)
      let audit = try AuditFile(path: folder.path("audit.jsonl").path)
      let byInput = Dictionary(
        uniqueKeysWithValues: audit.entries.map {
          (URL(fileURLWithPath: $0.record.input ?? "").lastPathComponent, $0.record)
        })
      #expect(byInput.count == 3)
      let photo = try #require(byInput["private.jpg"])
      #expect(photo.status == .ok)
      #expect(photo.input == folder.path("in/private.jpg").standardizedFileURL.path)
      #expect(photo.inputDigest == FileDigest(of: privatePhoto))
      let output = folder.path("out/private.jpg").standardizedFileURL.path
      #expect(photo.output == output)
      #expect(photo.outputDigest == FileDigest(of: try folder.read("out/private.jpg")))
      #expect(photo.facesHidden == 1 && photo.detector == "centerface" && photo.preset == "fast")
      #expect(photo.threshold == 0.3 && photo.style.mode == "blur" && photo.watermark == nil)
      for name in ["Artist", "Make", "GPS", "EXIF thumbnail", "XMP", "XMP face regions"] {
        #expect(
          photo.metadataRemoved?.contains(name) == true, "\(name): \(photo.metadataRemoved ?? [])")
      }
      #expect(
        photo.models == [
          .init(
            file: "centerface.onnx",
            sha256: try FileDigest(
              contentsOfFile: FaceGuardProcess.modelsFolder.appendingPathComponent(
                "centerface.onnx"
              ).path
            ).sha256),
          .init(
            file: "centerface.int8.json",
            sha256: try FileDigest(
              contentsOfFile: FaceGuardProcess.modelsFolder.appendingPathComponent(
                "centerface.int8.json"
              ).path
            ).sha256),
        ])
      let failure = try #require(byInput["broken.jpg"])
      #expect(failure.status == .failed && failure.output == nil)
      #expect(failure.error?.contains("not a JPEG") == true, "\(failure.error ?? "")")
      #expect(failure.inputDigest == FileDigest(of: Array("not a photo".utf8)))
      let log = try folder.read("audit.jsonl")
      for secret in [
        PrivateMetadataFixture.personName, PrivateMetadataFixture.gpsDatum,
        PrivateMetadataFixture.make,
      ] {
        #expect(!log.containsText(secret), "\(secret) in the audit log")
      }
    }
  }

  @Test("three shards running at once share one audit log, every line whole")
  func concurrentShards() throws {
    try TemporaryFolder.use { folder in
      for index in 0..<9 {
        try folder.write(
          try Encoded.png(Image(width: 40, height: 32, layout: .rgb, repeating: UInt8(20 * index))),
          to: "in/\(index).png")
      }
      let runs = try (0..<3).map { index in
        try FaceGuardProcess.launch(
          [
            "--preset", "fast", "--shard", "\(index)/3", "--audit", "audit.jsonl", "-o", "out",
            "in",
          ],
          in: folder.url)
      }
      for run in runs {
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
      }
      let audit = try AuditFile(path: folder.path("audit.jsonl").path)
      #expect(audit.entries.count == 9)
      #expect(Set(audit.entries.compactMap(\.record.input)).count == 9)
      let verify = try FaceGuardProcess.run(
        ["verify", "--audit", "audit.jsonl", "out"], in: folder.url)
      #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
      #expect(
        verify.standardOutput.split(separator: "\n").filter { $0.hasPrefix("OK ") }.count == 9)
    }
  }

  @Test("verify: untouched outputs pass; a changed, an unknown and a missing one fail")
  func verify() throws {
    try TemporaryFolder.use { folder in
      _ = try writeBatch(in: folder)
      _ = try FaceGuardProcess.run(
        ["--preset", "fast", "--audit", "audit.jsonl", "-o", "out", "in"], in: folder.url)
      let clean = try FaceGuardProcess.run(
        ["verify", "--audit", "audit.jsonl", "--check-inputs", "out"], in: folder.url)
      #expect(clean.status == 0, "\(clean.standardOutput)\(clean.standardError)")
      #expect(clean.standardOutput.contains("OK            out/private.jpg (line "))
      #expect(clean.standardOutput.contains("out/sub/mirrored.png (line "))
      #expect(clean.standardOutput.contains("its input is unchanged"))

      var tampered = try folder.read("out/sub/mirrored.png")
      tampered[tampered.count / 2] ^= 0xFF
      try folder.write(tampered, to: "out/sub/mirrored.png")
      try folder.write(try folder.read("out/private.jpg"), to: "out/copy.jpg")
      try folder.write(Array("stranger".utf8), to: "out/stranger.png")
      let run = try FaceGuardProcess.run(
        ["verify", "--audit", "audit.jsonl", "out", "out/gone.jpg"], in: folder.url)
      #expect(run.status == 1)
      let lines = run.standardOutput.split(separator: "\n")
      #expect(lines.contains { $0.hasPrefix("OK            out/private.jpg") })
      #expect(
        lines.contains {
          $0.hasPrefix(
            "MISMATCH      out/sub/mirrored.png: its SHA-256 is \(SHA256.hex(of: tampered))")
        }, "\(lines)")
      #expect(
        lines.contains {
          $0.hasPrefix("OK            out/copy.jpg") && $0.contains("found by its SHA-256")
        })
      #expect(lines.contains("NOT IN AUDIT  out/stranger.png"))
      #expect(lines.contains("MISSING       out/gone.jpg: no readable file"))
      #expect(run.standardError.contains("5 files checked against audit.jsonl: 2 OK, 3 not"))

      try folder.write([], to: "in/private.jpg")
      let changedInput = try FaceGuardProcess.run(
        ["verify", "--audit", "audit.jsonl", "--check-inputs", "out/private.jpg"], in: folder.url)
      #expect(changedInput.status == 1)
      #expect(
        changedInput.standardOutput.contains("CHANGED since"), "\(changedInput.standardOutput)")
    }
  }

  @Test("verify names the line of an audit log that is not one")
  func corruptAudit() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.png(Portrait.image), to: "in.png")
      _ = try FaceGuardProcess.run(
        ["--preset", "fast", "--audit", "audit.jsonl", "-o", "out", "in.png"], in: folder.url)
      var log = try folder.read("audit.jsonl")
      log += Array(#"{"time":"2025-01-01T00:00:00.000Z","status":"ok","output":"#.utf8) + [10]
      try folder.write(log, to: "audit.jsonl")
      let run = try FaceGuardProcess.run(
        ["verify", "--audit", "audit.jsonl", "out"], in: folder.url)
      #expect(run.status == 1)
      #expect(
        run.standardError.contains(
          "audit.jsonl: line 2 is not a FaceGuard audit record: it is not a JSON object (cut off or edited?)"
        ),
        "\(run.standardError)")
      #expect(run.standardOutput.isEmpty)
    }
  }

  @Test("a video rendered from a person's tracks file records the file as the review")
  func videoReview() throws {
    try TemporaryFolder.use { folder in
      try VideoCLITests.writeClip(to: folder.path("clip.mp4"), audio: false)
      let edited =
        #"{"tracks":[{"id":7,"frames":[{"time":0,"x":250,"y":200,"w":40,"h":40},{"time":0.6,"x":250,"y":200,"w":40,"h":40}]}]}"#
      try folder.write(Array(edited.utf8), to: "edited.json")
      let run = try FaceGuardProcess.run(
        [
          "video", "--tracks", "edited.json", "--watermark", "FaceGuard", "--audit", "audit.jsonl",
          "-o", "out", "clip.mp4",
        ], in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      let record = try #require(
        try AuditFile(path: folder.path("audit.jsonl").path).entries.first?.record)
      #expect(record.facesHidden == 1 && record.frames == 16 && record.maskedFrames == 16)
      #expect(record.watermark == "FaceGuard")
      #expect(
        record.review
          == .init(
            source: "tracks file", regions: 1,
            file: folder.path("edited.json").standardizedFileURL.path,
            fileSHA256: SHA256.hex(of: Array(edited.utf8))))
      #expect(record.outputDigest == FileDigest(of: try folder.read("out/clip.mp4")))
      #expect(record.inputDigest == FileDigest(of: try folder.read("clip.mp4")))
    }
  }

  @Test("an audit log that is one of the inputs is refused")
  func auditIsAnInput() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.png(Portrait.image), to: "in.png")
      let run = try FaceGuardProcess.run(["--audit", "in.png", "in.png"], in: folder.url)
      #expect(run.status == 64)
      #expect(
        run.standardError.contains("--audit in.png is one of the inputs; choose another file"))
      #expect(try folder.allFiles() == ["in.png"])
    }
  }
}
