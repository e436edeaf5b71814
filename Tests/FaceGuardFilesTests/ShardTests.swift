import Foundation
import Testing

@testable import FaceGuardFiles

@Suite("--shard I/N splits a batch by path: every file once, the same way every time")
struct ShardTests {
  /// 300 files in nested folders, in pairs that differ only by extension, as one root lists them.
  static let files: [InputFile] = (0..<300).map { index in
    let stem = index / 2
    let relative =
      "trip\(stem % 7)/day\(stem % 3)/IMG_\(stem)." + (index % 2 == 0 ? "jpg" : "heic")
    return InputFile(
      url: URL(fileURLWithPath: "/data/photos/" + relative), displayPath: "photos/" + relative,
      relativePath: relative)
  }

  @Test("the shards of every N are disjoint and together hold every file", arguments: 1...9)
  func coverEveryFileOnce(count: Int) throws {
    var seen: [String: Int] = [:]
    for index in 0..<count {
      for file in try Shard(index: index, count: count).select(Self.files) {
        #expect(
          seen[file.displayPath] == nil,
          "\(file.displayPath) in shards \(seen[file.displayPath]!) and \(index)")
        seen[file.displayPath] = index
      }
    }
    #expect(seen.count == Self.files.count)
  }

  @Test("the shards are about equal in size")
  func balanced() throws {
    for index in 0..<4 {
      let taken = try Shard(index: index, count: 4).select(Self.files).count
      #expect((50...100).contains(taken), "shard \(index)/4 took \(taken) of 300")
    }
  }

  @Test("a file's shard is the SHA-256 of its relative path without extension, modulo N")
  func stableAcrossRunsAndMachines() throws {
    // The values of int(sha256(key).hexdigest()[:16], 16) % N, as Python computes them.
    let expected: [(String, Int, Int)] = [
      ("a/b.jpg", 4, 1), ("a/b.png", 7, 6), ("holiday/IMG_0001.HEIC", 3, 0),
      ("holiday/IMG_0001.jpg", 7, 3), ("photo.jpg", 4, 3), ("x.mp4", 7, 1),
    ]
    for (relative, count, index) in expected {
      let here = InputFile(
        url: URL(fileURLWithPath: "/mnt/a/" + relative), displayPath: relative,
        relativePath: relative)
      let elsewhere = InputFile(
        url: URL(fileURLWithPath: "/srv/other/root/" + relative), displayPath: "root/" + relative,
        relativePath: relative, kind: .video)
      #expect(Shard.index(of: here, count: count) == index, "\(relative) of \(count)")
      #expect(Shard.index(of: elsewhere, count: count) == index, "\(relative) of \(count)")
      #expect(try Shard(index: index, count: count).contains(here))
    }
  }

  @Test("inputs that would write the same output fall in the same shard")
  func sameOutputSameShard() {
    let pairs = Dictionary(grouping: Self.files, by: Shard.key(of:))
    #expect(pairs.count == 150)
    for (key, group) in pairs {
      #expect(Set(group.map { Shard.index(of: $0, count: 5) }).count == 1, "\(key)")
    }
  }

  @Test(
    "bad values are refused with what --shard takes",
    arguments: [
      ("4/4", "--shard index must be from 0 to 3 for 4 shares, got 4/4"),
      ("-1/4", "--shard index must be from 0 to 3 for 4 shares, got -1/4"),
      ("0/0", "--shard must split the batch into at least 1 share (N >= 1), got 0/0"),
      ("1/1", "--shard index must be from 0 to 0 for 1 share, got 1/1"),
      (
        "2",
        "--shard must be I/N, two whole numbers like 0/4 (this run's index, from 0, and the "
          + "number of runs), got 2"
      ),
      (
        "a/4",
        "--shard must be I/N, two whole numbers like 0/4 (this run's index, from 0, and the "
          + "number of runs), got a/4"
      ),
      (
        "1/2/3",
        "--shard must be I/N, two whole numbers like 0/4 (this run's index, from 0, and "
          + "the number of runs), got 1/2/3"
      ),
    ])
  func refused(text: String, message: String) {
    do {
      let shard = try Shard(parsing: text)
      Issue.record("\(text) was accepted as \(shard)")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test("I/N is read back as written, and 0/1 is the whole batch")
  func parsing() throws {
    let shard = try Shard(parsing: "2/5")
    #expect(shard.index == 2 && shard.count == 5 && shard.description == "2/5")
    #expect(try Shard(parsing: "0/1") == .whole)
    #expect(Shard.whole.select(Self.files) == Self.files)
  }
}
