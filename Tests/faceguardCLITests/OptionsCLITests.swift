import Foundation
import TestSupport
import Testing

@Suite("faceguard refuses bad options with the library's messages, before reading any photo")
struct OptionsCLITests {
  @Test(
    arguments: [
      (["--mask-scale", "7"], "--mask-scale must be a number from 1 to 4, got 7"),
      (["--strength", "0"], "--strength must be a number from 0.1 to 10, got 0"),
      (["--feather", "0.9"], "--feather must be a number from 0 to 0.5, got 0.9"),
      (["--blocks", "1"], "--blocks must be a whole number of at least 2, got 1"),
      (["--quality", "0"], "--quality must be a whole number from 1 to 100, got 0"),
      (["--threshold", "2"], "--threshold must be a number from 0 to 1, got 2"),
      (["--min-face", "2"], "--min-face must be a number of at least 4, got 2"),
      (["--whole-side", "8"], "--whole-side must be a whole number of at least 32, got 8"),
      (["--jobs", "0"], "--jobs must be a whole number of at least 1, got 0"),
      (["--format", "heic"], "--format"),
      (["--color", "zz0000"], "--color"),
      (
        ["--model", "centerface+yolo"],
        "--model must be centerface, retinaface, blazeface-short or blazeface-full, or several "
          + "of them joined by + (centerface+retinaface), each once, got centerface+yolo"
      ),
    ])
  func refused(arguments: [String], message: String) throws {
    try TemporaryFolder.use { folder in
      try folder.write([1], to: "in.png")
      let run = try FaceGuardProcess.run(arguments + ["in.png"], in: folder.url)
      #expect(run.status == 64, "\(run.standardError)")
      #expect(run.standardError.contains(message), "\(run.standardError)")
      #expect(try folder.allFiles() == ["in.png"])
    }
  }

  @Test func serveTakesTheDetectorOptions() throws {
    try TemporaryFolder.use { folder in
      let run = try FaceGuardProcess.run(
        ["serve", "--model", "blazeface-full", "--threshold", "1.5"], in: folder.url)
      #expect(run.status == 64)
      #expect(run.standardError.contains("--threshold must be a number from 0 to 1, got 1.5"))
    }
  }
}
