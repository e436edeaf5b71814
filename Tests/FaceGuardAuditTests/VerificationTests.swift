import FaceGuard
import FaceGuardCore
import FaceGuardFiles
import Foundation
import TestSupport
import Testing

@testable import FaceGuardAudit

@Suite("faceguard verify's checks: outputs against the hashes the audit log recorded")
struct VerificationTests {
  /// Writes `output` and `input` into `folder`, and an audit log recording them, with a line for
  /// an API answer of `served` bytes, and returns the log read back.
  private func audit(
    in folder: TemporaryFolder, output: [UInt8], input: [UInt8], served: [UInt8]
  ) throws -> AuditFile {
    let settings = try AuditTestSupport.settings(in: folder)
    let inputURL = try folder.write(input, to: "in/photo.jpg")
    let outputURL = try folder.write(output, to: "out/photo.jpg")
    let log = try AuditLog(path: folder.path("audit.jsonl").path)
    var earlier = AuditRecord(settings: settings)
    earlier.output = outputURL.path
    earlier.outputDigest = FileDigest(of: [0])
    try log.append(earlier)
    let file = InputFile(url: inputURL, displayPath: "in/photo.jpg", relativePath: "photo.jpg")
    let done = AnonymizeBatch.Done(
      result: .skipped, outputPath: outputURL.path, input: FileDigest(of: input),
      output: FileDigest(of: output))
    try log.append(AuditRecord(file: file, outcome: .success(done), settings: settings))
    let served = PhotoResult(
      faces: [], width: 1, height: 1, output: served, outputFormat: .jpeg,
      timings: StageTimings())
    try log.append(
      AuditRecord(
        request: "POST /api/v1/anonymize", client: "127.0.0.1:5000",
        upload: FileDigest(of: input), result: .success(served), settings: settings))
    return try AuditFile(path: folder.path("audit.jsonl").path)
  }

  @Test("an untouched output passes, by path against the latest line that wrote it")
  func untouched() throws {
    try TemporaryFolder.use { folder in
      let audit = try audit(in: folder, output: [4, 5, 6], input: [1, 2, 3], served: [7])
      let check = OutputCheck(
        path: folder.path("out/../out/photo.jpg").path, against: audit, checkingInput: true)
      #expect(check.verdict == .ok(line: 2, byHash: false))
      #expect(check.input == .ok && check.passed)
    }
  }

  @Test("a changed output is a mismatch naming both hashes and the line")
  func tampered() throws {
    try TemporaryFolder.use { folder in
      let audit = try audit(in: folder, output: [4, 5, 6], input: [1, 2, 3], served: [7])
      try folder.write([4, 5, 6, 0], to: "out/photo.jpg")
      let check = OutputCheck(
        path: folder.path("out/photo.jpg").path, against: audit, checkingInput: false)
      #expect(
        check.verdict
          == .mismatch(
            line: 2, recorded: SHA256.hex(of: [4, 5, 6]), actual: SHA256.hex(of: [4, 5, 6, 0])))
      #expect(!check.passed && check.input == nil)
    }
  }

  @Test("a file no line names is not in the audit; an API answer is found by its hash")
  func notInAuditAndByHash() throws {
    try TemporaryFolder.use { folder in
      let audit = try audit(in: folder, output: [4, 5, 6], input: [1, 2, 3], served: [7, 7])
      let stranger = try folder.write([8, 8], to: "out/other.jpg")
      #expect(
        OutputCheck(path: stranger.path, against: audit, checkingInput: false).verdict
          == .notInAudit)
      let download = try folder.write([7, 7], to: "downloads/anonymized.jpg")
      let check = OutputCheck(path: download.path, against: audit, checkingInput: true)
      #expect(check.verdict == .ok(line: 3, byHash: true))
      #expect(check.input == .notRecorded && !check.passed)
      #expect(
        OutputCheck(path: folder.path("out/gone.jpg").path, against: audit, checkingInput: false)
          .verdict == .missing)
    }
  }

  @Test("a changed or removed input is reported when inputs are checked")
  func inputs() throws {
    try TemporaryFolder.use { folder in
      let audit = try audit(in: folder, output: [4, 5, 6], input: [1, 2, 3], served: [7])
      let output = folder.path("out/photo.jpg").path
      try folder.write([1, 2], to: "in/photo.jpg")
      let input = folder.path("in/photo.jpg").path
      #expect(
        OutputCheck(path: output, against: audit, checkingInput: true).input
          == .changed(path: input))
      try FileManager.default.removeItem(atPath: input)
      #expect(
        OutputCheck(path: output, against: audit, checkingInput: true).input
          == .missing(path: input))
    }
  }

  @Test(
    "a line that is not an audit record stops the check, naming its number",
    arguments: [
      ("{\"time\":", "it is not a JSON object (cut off or edited?)"),
      ("[1, 2]", "it is not a JSON object (cut off or edited?)"),
      ("{\"time\": \"x\"}", "it has no \"status\""),
    ])
  func corruptLine(line: String, reason: String) throws {
    try TemporaryFolder.use { folder in
      let settings = try AuditTestSupport.settings(in: folder)
      let good = try AuditRecord(settings: settings).line()
      let bytes = good + Array("\n".utf8) + good + Array(line.utf8) + Array("\n".utf8) + good
      #expect(
        throws: AuditFileError.corruptLine(path: "audit.jsonl", line: 4, reason: reason)
      ) { try AuditFile(bytes: bytes, path: "audit.jsonl") }
      #expect(
        AuditFileError.corruptLine(path: "audit.jsonl", line: 4, reason: reason).description
          == "audit.jsonl: line 4 is not a FaceGuard audit record: \(reason)")
      #expect(
        try AuditFile(bytes: good + Array("\n".utf8) + good, path: "a").entries.map(\.line) == [
          1, 3,
        ])
    }
  }
}
