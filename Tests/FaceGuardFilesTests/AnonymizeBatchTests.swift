import FaceDetection
import FaceGuard
import FaceGuardCore
import FaceRedaction
import Foundation
import ImageCodecs
import Synchronization
import TestSupport
import Testing

@testable import FaceGuardFiles

@Suite("AnonymizeBatch writes each anonymized copy once, atomically, and goes on after failures")
struct AnonymizeBatchTests {
  struct OneFace: FaceDetector {
    let profile = DetectorProfile(
      tileSize: 64, smallestFace: 8, largestTileFace: 32, acceptsAnySize: true)

    func detect(in image: Image, threshold: Double) throws -> [Face] {
      [Face(box: Rect(x: 4, y: 4, width: 8, height: 8), score: 0.9)]
    }
  }

  static func pipeline(redaction: RedactionOptions?) -> PhotoPipeline {
    PhotoPipeline(detector: OneFace(), options: AnonymizeOptions(redaction: redaction))
  }

  @Test func writesOutputsAndReportsFailures() throws {
    try TemporaryFolder.use { temporary in
      let folder = temporary.url
      let png = try ImageEncoder.encode(
        Image(width: 20, height: 16, layout: .rgb, repeating: 200), as: .png)
      try Data(png).write(to: folder.appendingPathComponent("a.png"))
      try Data([1, 2, 3]).write(to: folder.appendingPathComponent("b.png"))
      try Data(png).write(to: folder.appendingPathComponent("c.png"))
      let files = InputFiles.collect([folder.path]).files
      let batch = AnonymizeBatch(
        photos: Self.pipeline(redaction: RedactionOptions()),
        naming: OutputNaming(outputFolder: folder.appendingPathComponent("out")), jobs: 2)
      let outcomes = batch.run(files)
      #expect(outcomes.count == 3)
      let written = outcomes.compactMap { try? $0.get().outputPath }
      #expect(written.map { ($0 as NSString).lastPathComponent } == ["a.png", "c.png"])
      for path in written {
        let output = try ImageDecoder.decode(Array(Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(output.image.width == 20)
      }
      guard case .failure(let failure) = outcomes[1] else {
        Issue.record("a damaged file succeeded")
        return
      }
      #expect(failure.path.hasSuffix("b.png"))
      guard case .photo(let first) = try outcomes[0].get().result else {
        Issue.record("a photo gave no photo result")
        return
      }
      #expect(first.output == nil, "written bytes are not kept")
    }
  }

  @Test("--skip-existing leaves earlier outputs alone, does the rest and counts both")
  func skipExistingFinishesABatch() throws {
    try TemporaryFolder.use { temporary in
      let folder = temporary.url
      let png = try ImageEncoder.encode(
        Image(width: 20, height: 16, layout: .rgb, repeating: 120), as: .png)
      for name in ["a.png", "b.png", "c.png"] {
        try Data(png).write(to: folder.appendingPathComponent("in/" + name).creatingFolder())
      }
      let earlier = folder.appendingPathComponent("out/b.png")
      try Data([7, 7, 7]).write(to: earlier.creatingFolder())
      try Data([1]).write(to: folder.appendingPathComponent("out/.faceguard-Killed"))
      let files = InputFiles.collect([folder.appendingPathComponent("in").path]).files
      let tally = BatchTally()
      let outcomes = AnonymizeBatch(
        photos: Self.pipeline(redaction: RedactionOptions()),
        naming: OutputNaming(outputFolder: folder.appendingPathComponent("out")), jobs: 2,
        skipExisting: true
      ).run(files, tally: tally)
      #expect(try outcomes.map { try $0.get().result.isSkipped } == [false, true, false])
      #expect(try Data(contentsOf: earlier) == Data([7, 7, 7]))
      #expect(tally.current == BatchTally.Counts(processed: 2, skipped: 1, failed: 0))
      let left = try FileManager.default.contentsOfDirectory(
        atPath: folder.appendingPathComponent("out").path)
      #expect(left.sorted() == ["a.png", "b.png", "c.png"])
    }
  }

  @Test func reportOnlyWritesNothing() throws {
    try TemporaryFolder.use { temporary in
      let folder = temporary.url
      let png = try ImageEncoder.encode(
        Image(width: 20, height: 16, layout: .rgb, repeating: 90), as: .png)
      try Data(png).write(to: folder.appendingPathComponent("a.png"))
      let files = InputFiles.collect([folder.path]).files
      let outcomes = AnonymizeBatch(
        photos: Self.pipeline(redaction: nil), naming: OutputNaming(outputFolder: nil), jobs: 1
      ).run(files)
      #expect(try outcomes[0].get().outputPath == nil)
      guard case .photo(let result) = try outcomes[0].get().result else {
        Issue.record("a photo gave no photo result")
        return
      }
      #expect(result.faces.count == 1)
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.png"])
    }
  }

  @Test func twoInputsNeverShareAnOutput() throws {
    try TemporaryFolder.use { temporary in
      let folder = temporary.url
      let png = try ImageEncoder.encode(
        Image(width: 20, height: 16, layout: .rgb, repeating: 90), as: .png)
      for name in ["x/p.png", "y/p.png"] {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(png).write(to: url)
      }
      let inputs = ["x/p.png", "y/p.png"].map { name in
        InputFile(
          url: folder.appendingPathComponent(name), displayPath: name, relativePath: "p.png")
      }
      let outcomes = AnonymizeBatch(
        photos: Self.pipeline(redaction: RedactionOptions()),
        naming: OutputNaming(outputFolder: folder.appendingPathComponent("out")), jobs: 1
      ).run(inputs)
      #expect((try? outcomes[0].get()) != nil)
      guard case .failure(let failure) = outcomes[1] else {
        Issue.record("the second input replaced the first one's output")
        return
      }
      #expect(failure.reason.contains("x/p.png"))
    }
  }

  @Test("the recorder hears of each file before its output takes its name, with the digests")
  func recorderComesBeforeTheOutput() throws {
    try TemporaryFolder.use { temporary in
      let folder = temporary.url
      let png = try ImageEncoder.encode(
        Image(width: 20, height: 16, layout: .rgb, repeating: 60), as: .png)
      try Data(png).write(to: folder.appendingPathComponent("in/a.png").creatingFolder())
      try Data([9, 9]).write(to: folder.appendingPathComponent("in/bad.png"))
      let heard = Mutex<[String: Result<AnonymizeBatch.Done, FileFailure>]>([:])
      let outcomes = AnonymizeBatch(
        photos: Self.pipeline(redaction: RedactionOptions()),
        naming: OutputNaming(outputFolder: folder.appendingPathComponent("out")), jobs: 2,
        recorder: { file, outcome in
          if case .success(let done) = outcome, let path = done.outputPath {
            #expect(!FileManager.default.fileExists(atPath: path), "the output came first")
          }
          heard.withLock { $0[file.relativePath] = outcome }
        }
      ).run(InputFiles.collect([folder.appendingPathComponent("in").path]).files)
      let done = try outcomes[0].get()
      let written = Array(try Data(contentsOf: URL(fileURLWithPath: try #require(done.outputPath))))
      #expect(done.input == FileDigest(of: png))
      #expect(done.output == FileDigest(of: written))
      let recorded = heard.withLock { $0 }
      #expect(try recorded["a.png"]?.get().output == FileDigest(of: written))
      guard case .failure(let failure)? = recorded["bad.png"] else {
        Issue.record("the failure was not recorded: \(recorded)")
        return
      }
      guard case .failure(let returned) = outcomes[1] else {
        Issue.record("a damaged file succeeded")
        return
      }
      #expect(failure.reason == returned.reason && failure.path == returned.path)
    }
  }

  @Test("when the recorder fails, the file fails and no output is left")
  func failingRecorderLeavesNoOutput() throws {
    struct Full: Error, CustomStringConvertible {
      var description: String { "the audit disk is full" }
    }
    try TemporaryFolder.use { temporary in
      let folder = temporary.url
      let png = try ImageEncoder.encode(
        Image(width: 20, height: 16, layout: .rgb, repeating: 60), as: .png)
      try Data(png).write(to: folder.appendingPathComponent("in/a.png").creatingFolder())
      let outcomes = AnonymizeBatch(
        photos: Self.pipeline(redaction: RedactionOptions()),
        naming: OutputNaming(outputFolder: folder.appendingPathComponent("out")), jobs: 1,
        recorder: { _, _ in throw Full() }
      ).run(InputFiles.collect([folder.appendingPathComponent("in").path]).files)
      guard case .failure(let failure) = outcomes[0] else {
        Issue.record("the file succeeded without its record")
        return
      }
      #expect(
        failure.reason
          == "not written: the audit disk is full (nor could the failure be recorded: the audit "
          + "disk is full)")
      #expect(try temporary.allFiles(below: "out").isEmpty)
    }
  }
}

extension URL {
  /// The URL itself, after creating the folder it is in.
  fileprivate func creatingFolder() throws -> URL {
    try FileManager.default.createDirectory(
      at: deletingLastPathComponent(), withIntermediateDirectories: true)
    return self
  }
}
