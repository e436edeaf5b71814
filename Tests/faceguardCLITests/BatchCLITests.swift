import FaceGuardFiles
import Foundation
import ImageCodecs
import TestSupport
import Testing

@Suite("faceguard keeps going when some files in a batch are bad")
struct BatchCLITests {
  /// A PNG whose header claims 100000x100000 pixels, followed by a tiny data chunk.
  private static let absurdPNG: [UInt8] = {
    func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
      let body = Array(type.utf8) + data
      return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }
    func bigEndian(_ value: UInt32) -> [UInt8] {
      (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }
    let header = bigEndian(100_000) + bigEndian(100_000) + [8, 2, 0, 0, 0]
    let emptyZlib: [UInt8] = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
      + chunk("IDAT", emptyZlib) + chunk("IEND", [])
  }()

  /// The CRC-32 of PNG chunks.
  private static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return crc ^ 0xFFFF_FFFF
  }

  /// Every file below `folder` with its bytes.
  private func snapshot(_ folder: TemporaryFolder, _ relative: String) throws -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    for name in try folder.allFiles(below: relative) {
      let path = relative + "/" + name
      if let bytes = try? folder.read(path) { files[path] = bytes }
    }
    return files
  }

  @Test("good images are written, each bad file gets one clear error, inputs stay untouched")
  func mixedFolder() throws {
    try TemporaryFolder.use { folder in
      let jpeg = try Encoded.jpeg(Portrait.image)
      let png = try Encoded.png(Portrait.mirrored)
      try folder.write(png, to: "in/a.png")
      try folder.write(jpeg, to: "in/sub/b.jpg")
      try folder.write(png, to: "in/sub/deeper/c.PNG")
      try folder.write([], to: "in/empty.jpg")
      try folder.write(Array(jpeg.prefix(300)), to: "in/sub/truncated.jpg")
      try folder.write(Array(jpeg.prefix(jpeg.count * 2 / 3)), to: "in/sub/partial.jpg")
      try folder.write(Array(png.prefix(png.count / 3)), to: "in/truncated.png")
      try folder.write(Array("meeting notes, not a photo\n".utf8), to: "in/notes.jpg")
      try folder.write(Self.absurdPNG, to: "in/huge.png")
      try folder.write(Array("GIF89a\u{1}\0\u{1}\0\0\0\0;".utf8), to: "direct/anim.gif")
      let fifo = folder.path("direct/pipe.jpg")
      #expect(mkfifo(fifo.path, 0o644) == 0)
      let locked = try folder.write(jpeg, to: "direct/locked.jpg")
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o000], ofItemAtPath: locked.path)
      let canReadLocked = FileManager.default.isReadableFile(atPath: locked.path)
      let before = try snapshot(folder, "in")

      let run = try FaceGuardProcess.run(
        [
          "-o", "out", "--report", "report.json", "in", "direct/anim.gif", "direct/pipe.jpg",
          "direct/locked.jpg", "direct/missing.jpg",
        ], in: folder.url)

      #expect(run.status != 0)
      for good in ["out/a.png", "out/sub/b.jpg", "out/sub/deeper/c.PNG"] {
        let decoded = try ImageDecoder.decode(try folder.read(good))
        #expect(decoded.image.width == 256, "\(good)")
      }
      let expectedErrors = [
        ("in/empty.jpg", "empty"), ("in/sub/truncated.jpg", "cut off"),
        ("in/sub/partial.jpg", "cut off"),
        ("in/truncated.png", "cut off"), ("in/notes.jpg", "not a JPEG"),
        ("in/huge.png", "100000x100000"), ("direct/anim.gif", "not a JPEG"),
        ("direct/pipe.jpg", "could not be read"), ("direct/missing.jpg", "no such file"),
      ]
      for (path, keyword) in expectedErrors {
        let lines = run.errorLines(mentioning: path)
        #expect(lines.count == 1, "stderr lines naming \(path): \(lines)\n\(run.standardError)")
        #expect(lines.first?.contains(keyword) == true, "\(path): \(lines)")
      }
      // Tests usually run as root, which may read a mode-000 file: then it is a good image.
      if canReadLocked {
        #expect(run.errorLines(mentioning: "direct/locked.jpg").isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.path("out/locked.jpg").path))
      } else {
        let lines = run.errorLines(mentioning: "direct/locked.jpg")
        #expect(lines.count == 1 && lines.first?.contains("permission") == true, "\(lines)")
      }

      let report = try JSONDecoder().decode(
        AnonymizeReport.self, from: Data(try folder.read("report.json")))
      let entries = Dictionary(report.files.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
      for (path, _) in expectedErrors {
        #expect(entries[path]?.error != nil, "\(path) missing from the report or without error")
      }
      for good in ["in/a.png", "in/sub/b.jpg", "in/sub/deeper/c.PNG"] {
        #expect(entries[good]?.error == nil, "\(good): \(String(describing: entries[good]))")
        #expect(entries[good]?.faces.count == 1, "\(good)")
      }
      #expect(entries["direct/missing.jpg"]?.error == "no such file or folder")
      #expect(report.files.count == expectedErrors.count + 4)

      let leftovers = try folder.allFiles(below: "out").filter { $0.contains(".faceguard-") }
      #expect(leftovers.isEmpty)
      #expect(try snapshot(folder, "in") == before)
    }
  }

  @Test("an output folder below a regular file is a clear error")
  func outputFolderNotWritable() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.png(Portrait.image), to: "in.png")
      try folder.write(Array("x".utf8), to: "somefile")
      let run = try FaceGuardProcess.run(["-o", "somefile/sub", "in.png"], in: folder.url)
      #expect(run.status != 0)
      let lines = run.errorLines(mentioning: "somefile/sub")
      #expect(lines.contains { $0.contains("not writable") }, "\(run.standardError)")
      #expect(try folder.read("somefile") == Array("x".utf8))
    }
  }
}
