import FaceGuardCore
import Foundation
import ImageCodecs
import TestSupport
import Testing
import Watermarking

@Suite("faceguard --watermark stamps photos and every video frame")
struct WatermarkCLITests {
  @Test("a photo gets exactly the mark in its corner, and nothing else changes")
  func photo() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.png(Portrait.image), to: "in.png")
      let plain = try FaceGuardProcess.run(["-o", "plain", "in.png"], in: folder.url)
      #expect(plain.status == 0, "\(plain.standardError)")
      let marked = try FaceGuardProcess.run(
        ["--watermark", "anonymized", "--watermark-corner", "top-left", "-o", "marked", "in.png"],
        in: folder.url)
      #expect(marked.status == 0, "\(marked.standardError)")
      var expected = try ImageDecoder.decode(try folder.read("plain/in.png")).image
      try Watermark(text: "anonymized", corner: .topLeft).draw(on: &expected)
      #expect(try ImageDecoder.decode(try folder.read("marked/in.png")).image == expected)
    }
  }

  @Test("every frame of a video is stamped, upright in the corner")
  func video() throws {
    try TemporaryFolder.use { folder in
      try VideoCLITests.writeClip(to: folder.path("clip.mp4"), audio: false)
      try folder.write(Array(#"{"tracks":[]}"#.utf8), to: "none.json")
      for (output, extra) in [("plain", [String]()), ("marked", ["--watermark", "FaceGuard"])] {
        let run = try FaceGuardProcess.run(
          ["video", "--tracks", "none.json", "-o", output] + extra + ["clip.mp4"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
      }
      var plain: [Image] = []
      var marked: [Image] = []
      try readFrames(folder.path("plain/clip.mp4")) { plain.append($0) }
      try readFrames(folder.path("marked/clip.mp4")) { marked.append($0) }
      #expect(plain.count == 16 && marked.count == 16)
      let layout = try Watermark(text: "FaceGuard").layout(width: 320, height: 256)
      // The box's top padding holds no glyph: the box darkens it to 40 % of what it was.
      let padding = PixelRect(
        x: layout.box.x, y: layout.box.y, width: layout.box.width, height: 2 * layout.scale)
      for (index, (before, after)) in zip(plain, marked).enumerated() {
        let ratio = mean(after, padding) / mean(before, padding)
        #expect(ratio > 0.3 && ratio < 0.5, "frame \(index): \(ratio)")
        #expect(maximum(after, layout.box) > 200, "frame \(index): no white glyph")
      }
    }
  }

  @Test(
    "a watermark the font cannot draw is refused before any file is read",
    arguments: [
      (
        "Café",
        "--watermark must be printable ASCII (letters, digits, punctuation and spaces); \"é\" "
          + "(U+00E9) is not, got Café"
      ),
      ("", "--watermark must not be empty, got nothing"),
    ])
  func refused(text: String, message: String) throws {
    try TemporaryFolder.use { folder in
      try folder.write([1], to: "in.png")
      let run = try FaceGuardProcess.run(["--watermark", text, "in.png"], in: folder.url)
      #expect(run.status == 64, "\(run.standardError)")
      #expect(run.standardError.contains(message), "\(run.standardError)")
      #expect(try folder.allFiles() == ["in.png"])
    }
  }

  /// The mean sample of `area` of `image`.
  private func mean(_ image: Image, _ area: PixelRect) -> Double {
    var total = 0
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX { total += rgbSamples(image, x, y).reduce(0) { $0 + Int($1) } }
    }
    return Double(total) / Double(area.width * area.height * 3)
  }

  /// The largest sample of `area` of `image`.
  private func maximum(_ image: Image, _ area: PixelRect) -> UInt8 {
    var largest: UInt8 = 0
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX { largest = max(largest, rgbSamples(image, x, y).min()!) }
    }
    return largest
  }
}
