import FaceDetection
import FaceGuard
import FaceGuardCore
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import FaceGuardAudit

@Suite("The audit log: one JSON line per file, appended whole, never a value or a pixel")
struct AuditLogTests {
  @Test("a record is one line of JSON with snake_case keys and a UTC time in milliseconds")
  func oneLine() throws {
    try TemporaryFolder.use { folder in
      var record = AuditRecord(
        settings: try AuditTestSupport.settings(in: folder),
        time: Date(timeIntervalSince1970: 1_700_000_000.25))
      record.input = "/photos/new\nline.jpg"
      record.inputDigest = FileDigest(of: [1, 2, 3])
      record.metadataRemoved = ["GPS", "EXIF thumbnail"]
      let line = try record.line()
      #expect(line.last == UInt8(ascii: "\n"))
      #expect(!line.dropLast().contains(UInt8(ascii: "\n")))
      let text = String(decoding: line, as: UTF8.self)
      #expect(text.contains(#""time":"2023-11-14T22:13:20.250Z""#), "\(text)")
      #expect(
        text.contains(
          #""input_sha256":"039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81""#))
      #expect(text.contains(#""input":"/photos/new\nline.jpg""#))
      #expect(text.contains(#""faceguard_version":"\#(FaceGuardVersion.current)""#))
      #expect(try JSONDecoder().decode(AuditRecord.self, from: Data(line)) == record)
    }
  }

  @Test("the run's settings name the detector, its style and each model file with its SHA-256")
  func settings() throws {
    try TemporaryFolder.use { folder in
      var photo = PhotoSettings()
      photo.mode = .solid
      photo.color = .white
      photo.watermark = "anonymized"
      let settings = try AuditTestSupport.settings(in: folder, photo: photo)
      #expect(settings.detector == "centerface+retinaface")
      #expect(settings.preset == "balanced" && settings.precision == "int8")
      #expect(settings.threshold == 0.3 && settings.watermark == "anonymized")
      #expect(
        settings.style
          == AuditRecord.Style(
            mode: "solid", shape: "ellipse", strength: 1, maskScale: 1.3, feather: 0.1,
            drawBoxes: false, color: "ffffff"))
      #expect(
        settings.models
          == ["centerface.onnx", "centerface.int8.json", "retinaface.pb", "retinaface.int8.json"]
          .map {
            AuditRecord.ModelFile(
              file: $0, sha256: SHA256.hex(of: AuditTestSupport.modelBytes[$0]!))
          })
      photo.mode = .pixelate
      #expect(settings.with(photo: photo, threshold: 0.5).style.blocks == 8)
      #expect(settings.with(photo: photo, threshold: 0.5).threshold == 0.5)
      photo.mode = .none
      #expect(settings.with(photo: photo, threshold: 0.5).style == AuditRecord.Style(mode: "none"))
      try FileManager.default.removeItem(at: folder.path("models/retinaface.pb"))
      #expect(
        throws: AuditSettingsError.modelUnreadable(path: folder.path("models/retinaface.pb").path)
      ) {
        try AuditSettings(
          detector: DetectorSettings(), photo: photo, threshold: 0.3,
          store: ModelStore(directory: folder.path("models")))
      }
    }
  }

  @Test("appends from many threads land as whole lines, however long")
  func concurrentAppends() throws {
    try TemporaryFolder.use { folder in
      let settings = try AuditTestSupport.settings(in: folder)
      let log = try AuditLog(path: folder.path("audit.jsonl").path)
      let failures = Mutex(0)
      DispatchQueue.concurrentPerform(iterations: 400) { index in
        var record = AuditRecord(settings: settings)
        record.input = "/photos/\(index).jpg"
        record.metadataRemoved = Array(repeating: "field \(index)", count: 1 + index % 300)
        do {
          try log.append(record)
        } catch {
          failures.withLock { $0 += 1 }
        }
      }
      #expect(failures.withLock { $0 } == 0)
      let file = try AuditFile(path: folder.path("audit.jsonl").path)
      #expect(file.entries.count == 400)
      #expect(Set(file.entries.compactMap(\.record.input)).count == 400)
      for entry in file.entries {
        let index = Int(entry.record.input!.dropFirst(8).dropLast(4))!
        #expect(
          entry.record.metadataRemoved == Array(repeating: "field \(index)", count: 1 + index % 300)
        )
      }
      var status = stat()
      #expect(stat(folder.path("audit.jsonl").path, &status) == 0)
      #expect(status.st_mode & 0o777 == 0o640)
    }
  }

  @Test("a folder or an unreachable path is refused with the reason")
  func unusablePaths() throws {
    try TemporaryFolder.use { folder in
      let path = folder.url.path
      #expect(throws: AuditLogError.cannotOpen(path: path, reason: "Is a directory")) {
        try AuditLog(path: path)
      }
      let missing = folder.path("no/such/folder/audit.jsonl").path
      #expect(throws: AuditLogError.cannotOpen(path: missing, reason: "No such file or directory"))
      {
        try AuditLog(path: missing)
      }
    }
  }
}
