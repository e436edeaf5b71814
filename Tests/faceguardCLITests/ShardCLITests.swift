import FaceGuardCore
import Foundation
import TestSupport
import Testing

@Suite("faceguard --shard I/N: N runs share a folder, each file written by exactly one")
struct ShardCLITests {
  /// The photos of the batch, below `in/`.
  static let names = [
    "a.png", "b.png", "c.png", "trip/d.png", "trip/e.png", "trip/deep/f.png", "trip/deep/g.png",
  ]

  @Test func threeShardsWriteEveryOutputOnceAndARerunRedoesItsOwn() throws {
    try TemporaryFolder.use { folder in
      for (index, name) in Self.names.enumerated() {
        let shade = UInt8(40 + index * 25)
        try folder.write(
          try Encoded.png(Image(width: 48, height: 40, layout: .rgb, repeating: shade)),
          to: "in/" + name)
      }
      var writtenBy: [String: Int] = [:]
      var taken = 0
      for index in 0..<3 {
        let before = Set(try folder.allFiles(below: "out"))
        let run = try FaceGuardProcess.run(
          ["--preset", "fast", "--shard", "\(index)/3", "-o", "out", "in"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let new = Set(try folder.allFiles(below: "out")).subtracting(before)
        for name in new { writtenBy[name] = index }
        let summary = try #require(run.errorLines(mentioning: "shard \(index)/3 took").first)
        #expect(
          summary.contains("took \(new.count) of 7 files found: \(new.count) file"), "\(summary)")
        taken += new.count
      }
      #expect(Set(writtenBy.keys) == Set(Self.names))
      #expect(taken == 7)

      let second = try #require(writtenBy.first { $0.value == 1 }.map(\.key))
      try FileManager.default.removeItem(at: folder.path("out"))
      let rerun = try FaceGuardProcess.run(
        ["--preset", "fast", "--shard", "1/3", "-o", "out", "in"], in: folder.url)
      #expect(rerun.status == 0, "\(rerun.standardError)")
      #expect(try folder.allFiles(below: "out") == writtenBy.filter { $0.value == 1 }.keys.sorted())
      #expect(try folder.allFiles(below: "out").contains(second))
    }
  }

  @Test(
    arguments: [
      ("3/3", "--shard index must be from 0 to 2 for 3 shares, got 3/3"),
      ("0/0", "--shard must split the batch into at least 1 share (N >= 1), got 0/0"),
      ("1-3", "--shard must be I/N, two whole numbers like 0/4"),
    ])
  func badSharesAreRefusedBeforeAnyFileIsRead(value: String, message: String) throws {
    try TemporaryFolder.use { folder in
      try folder.write([1], to: "in.png")
      let run = try FaceGuardProcess.run(["--shard", value, "in.png"], in: folder.url)
      #expect(run.status == 64, "\(run.standardError)")
      #expect(run.standardError.contains(message), "\(run.standardError)")
      #expect(try folder.allFiles() == ["in.png"])
    }
  }
}
