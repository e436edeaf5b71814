import FaceDetection
import FaceGuard
import FaceGuardCore
import FaceRedaction
import Foundation
import ImageCodecs
import TestSupport
import Testing

@testable import FaceGuardFiles

@Suite("Batch files: naming, input discovery, atomic writes, batches, reports")
struct BatchFileTests {
  private static let face = Face(
    box: Rect(x: 8, y: 6, width: 16, height: 12), score: 0.9, landmarks: [])

  @Test("outputs go next to the input as NAME.anonymized.EXT or mirror the tree under -o")
  func outputNaming() {
    let input = InputFile(
      url: URL(fileURLWithPath: "/photos/trip/beach.heic"), displayPath: "photos/trip/beach.heic",
      relativePath: "trip/beach.heic")
    let nextTo = OutputNaming(outputFolder: nil)
    #expect(nextTo.outputURL(for: input, format: .jpeg).path == "/photos/trip/beach.anonymized.jpg")
    let mirrored = OutputNaming(outputFolder: URL(fileURLWithPath: "/out", isDirectory: true))
    #expect(mirrored.outputURL(for: input, format: .jpeg).path == "/out/trip/beach.jpg")
    let jpeg = InputFile(
      url: URL(fileURLWithPath: "/p/a.JPEG"), displayPath: "a.JPEG", relativePath: "a.JPEG")
    #expect(mirrored.outputURL(for: jpeg, format: .jpeg).path == "/out/a.JPEG")
    #expect(nextTo.outputURL(for: jpeg, format: .png).path == "/p/a.anonymized.png")
    #expect(ImageFormat.heic.defaultOutputFormat == .jpeg)
    #expect(ImageFormat.png.defaultOutputFormat == .png)
  }

  @Test("folders are searched recursively in sorted order, skipping hidden files and outputs")
  func collectsInputs() throws {
    try TemporaryFolder.use { temporary in
      let folder = temporary.url
      for name in ["b.jpg", "a/z.PNG", "a/notes.txt", ".hidden/x.jpg", "c.anonymized.jpg"] {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([1]).write(to: url)
      }
      let missing = folder.appendingPathComponent("missing.jpg").path
      let (files, errors) = InputFiles.collect([folder.path + "/", missing])
      #expect(files.map(\.relativePath) == ["a/z.PNG", "b.jpg"])
      #expect(files.map(\.displayPath) == [folder.path + "/a/z.PNG", folder.path + "/b.jpg"])
      #expect(errors == [.notFound(missing)])
      #expect(errors.first?.path == missing)
      #expect(errors.first?.reason == "no such file or folder")
      #expect(errors.first?.description == "\(missing): no such file or folder")
    }
  }

  @Test("atomic writes refuse the input, leave no temporary file and name unwritable folders")
  func atomicWrites() throws {
    try TemporaryFolder.use { temporary in
      let folder = temporary.url
      let input = folder.appendingPathComponent("in.jpg")
      try Data([1, 2, 3]).write(to: input)
      #expect(throws: OutputError.wouldOverwriteInput(input.path)) {
        try AtomicFileWriter.write([9], to: input, protecting: [input])
      }
      #expect(try Data(contentsOf: input) == Data([1, 2, 3]))
      let target = folder.appendingPathComponent("deep/er/out.jpg")
      try AtomicFileWriter.write([4, 5], to: target, protecting: [input])
      try AtomicFileWriter.write([6], to: target, protecting: [input])
      #expect(try Data(contentsOf: target) == Data([6]))
      let blocked = input.appendingPathComponent("sub/out.jpg")
      do {
        try AtomicFileWriter.write([7], to: blocked)
        Issue.record("writing below a regular file succeeded")
      } catch let error as OutputError {
        guard case .folderNotWritable(let path, _) = error else {
          Issue.record("unexpected error \(error)")
          return
        }
        #expect(path == input.appendingPathComponent("sub").path)
      }
      let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
      #expect(!names.contains { $0.contains(".faceguard-") })
    }
  }

  @Test("temporary files of killed runs are removed; one still being written stays")
  func abandonedTemporaryFiles() throws {
    try TemporaryFolder.use { temporary in
      let folder = temporary.url.path
      let live = try TemporaryFile(in: folder)
      try temporary.write([1, 2], to: ".faceguard-Killed")
      try temporary.write([3], to: "photo.jpg")
      #expect(TemporaryFile.removeAbandoned(in: folder) == 1)
      let liveName = URL(fileURLWithPath: live.path).lastPathComponent
      #expect(try temporary.allFiles().sorted() == [liveName, "photo.jpg"].sorted())
      try live.write([4])
      try live.commit(to: folder + "/out.jpg")
      #expect(try temporary.read("out.jpg") == [4])
      #expect(try temporary.allFiles().sorted() == ["out.jpg", "photo.jpg"])
    }
  }

  @Test("a writer that opens its file by path after an interruption removed it recreates nothing")
  func lateOpenAfterInterruption() throws {
    try TemporaryFolder.use { temporary in
      let target = temporary.url.appendingPathComponent("out/clip.mp4")
      #expect(throws: OutputError.self) {
        try AtomicFileWriter.write(to: target) { (path: String) throws -> Void in
          for name in try temporary.allFiles(below: "out") {
            try FileManager.default.removeItem(at: temporary.path("out/" + name))
          }
          try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        }
      }
      let remaining = try temporary.allFiles(below: "out")
      #expect(remaining.isEmpty)
    }
  }

  @Test("a batch keeps input order and goes on after failures", arguments: [1, 3])
  func batchRunner(jobs: Int) {
    let files = (0..<7).map {
      InputFile(
        url: URL(fileURLWithPath: "/f\($0)"), displayPath: "f\($0)", relativePath: "f\($0)")
    }
    let results = BatchRunner(jobs: jobs).run(files) { file -> String in
      if file.displayPath == "f3" { throw FileFailure(path: "f3", reason: "bad") }
      if file.displayPath == "f5" { throw OutputError.wouldOverwriteInput("f5") }
      return file.displayPath.uppercased()
    }
    #expect(results.count == 7)
    for (index, result) in results.enumerated() {
      switch (index, result) {
      case (3, .failure(let failure)): #expect(failure.description == "f3: bad")
      case (5, .failure(let failure)): #expect(failure.path == "f5")
      case (_, .success(let value)): #expect(value == "F\(index)")
      default: Issue.record("unexpected outcome \(result) for f\(index)")
      }
    }
  }

  @Test("an output path can be claimed by one input only")
  func outputClaims() throws {
    let claims = OutputClaims()
    let target = URL(fileURLWithPath: "/out/a.jpg")
    try claims.claim(target, for: "x/a.jpg")
    try claims.claim(URL(fileURLWithPath: "/out/./a.jpg"), for: "x/a.jpg")
    #expect(throws: FileFailure.self) { try claims.claim(target, for: "y/a.jpg") }
    try claims.claim(URL(fileURLWithPath: "/out/b.jpg"), for: "y/a.jpg")
  }

  @Test("reports encode the documented keys")
  func reports() throws {
    let box = FaceBox(
      Face(box: Rect(x: 1.234, y: 2, width: 3, height: 4), score: 0.123456, landmarks: []))
    #expect(box.x == 1.2 && box.score == 0.12346)
    let detection = DetectionReport(images: [.init(file: "a.jpg", faces: [box])])
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(detection.encoded())) as? [String: Any])
    #expect(Set(parsed.keys) == ["images"])

    let report = AnonymizeReport(files: [
      .init(file: "bad.jpg", error: "the file is empty"),
      .init(
        file: "good.jpg", output: "out/good.jpg",
        result: PhotoResult(
          faces: [Self.face], width: 4, height: 3, output: nil, outputFormat: .jpeg,
          timings: StageTimings())),
    ])
    #expect(report.summary == AnonymizeReport.Summary(files: 2, faces: 1, failures: 1, skipped: 0))
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(report.encoded())) as? [String: Any])
    #expect(Set(document.keys) == ["files", "summary"])
    let files = try #require(document["files"] as? [[String: Any]])
    #expect(files.first?["error"] as? String == "the file is empty")
    #expect(files.last?["timings_ms"] != nil)
  }
}
