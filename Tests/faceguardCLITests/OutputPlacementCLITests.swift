import CHeif
import FaceGuardCore
import Foundation
import ImageCodecs
import TestSupport
import Testing

@Suite("faceguard never overwrites its inputs")
struct OutputPlacementCLITests {
  @Test("the default output is NAME.anonymized.EXT next to the input; a second run replaces it")
  func nextToInput() throws {
    try TemporaryFolder.use { folder in
      let input = try Encoded.jpeg(Portrait.image)
      try folder.write(input, to: "photos/me.jpg")
      let first = try FaceGuardProcess.run(["photos/me.jpg"], in: folder.url)
      #expect(first.status == 0, "\(first.standardError)")
      let output = try folder.read("photos/me.anonymized.jpg")
      #expect(output != input)
      try folder.write(Array("stale".utf8), to: "photos/me.anonymized.jpg")
      let second = try FaceGuardProcess.run(["photos/me.jpg"], in: folder.url)
      #expect(second.status == 0, "\(second.standardError)")
      #expect(try folder.read("photos/me.anonymized.jpg") == output)
      #expect(try folder.read("photos/me.jpg") == input)
      #expect(try folder.allFiles() == ["photos/me.anonymized.jpg", "photos/me.jpg"])
    }
  }

  @Test("a folder run does not pick up earlier outputs as inputs")
  func folderRunSkipsOutputs() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.png(Portrait.image), to: "photos/me.png")
      for _ in 0..<2 {
        let run = try FaceGuardProcess.run(["photos"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
      }
      #expect(try folder.allFiles() == ["photos/me.anonymized.png", "photos/me.png"])
    }
  }

  @Test("an output folder inside the input folder is not searched on the next run")
  func outputFolderInsideInputIsSkipped() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.png(Portrait.image), to: "photos/me.png")
      for _ in 0..<2 {
        let run = try FaceGuardProcess.run(["-o", "photos/out", "photos"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
      }
      #expect(try folder.allFiles() == ["photos/me.png", "photos/out/me.png"])
    }
  }

  @Test("-o naming the input's own folder is refused and the input is intact")
  func refusesOwnFolder() throws {
    try TemporaryFolder.use { folder in
      let input = try Encoded.jpeg(Portrait.image)
      try folder.write(input, to: "photos/me.jpg")
      let run = try FaceGuardProcess.run(["-o", "photos", "photos/me.jpg"], in: folder.url)
      #expect(run.status != 0)
      let lines = run.errorLines(mentioning: "me.jpg")
      #expect(lines.contains { $0.contains("refusing to overwrite") }, "\(run.standardError)")
      #expect(try folder.read("photos/me.jpg") == input)
      #expect(try folder.allFiles() == ["photos/me.jpg"])
    }
  }

  @Test(
    "HEIC input is written as JPEG (needs libheif's HEVC encoder to make the input)",
    .enabled(if: heif_have_encoder_for_format(heif_compression_HEVC) != 0))
  func heicBecomesJPEG() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try HEICTestFile.encode(Portrait.image), to: "photos/me.heic")
      let run = try FaceGuardProcess.run(["photos/me.heic"], in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      let output = try folder.read("photos/me.anonymized.jpg")
      #expect(ImageFormat(sniffing: output) == .jpeg)
      let mirrored = try FaceGuardProcess.run(["-o", "out", "photos"], in: folder.url)
      #expect(mirrored.status == 0, "\(mirrored.standardError)")
      let copy = try ImageDecoder.decode(try folder.read("out/me.jpg"))
      #expect(copy.format == .jpeg)
      #expect(copy.image.width == 256 && copy.image.height == 256)
    }
  }
}

@Suite("faceguard never lets two inputs share one output")
struct OutputClashCLITests {
  @Test("two inputs with the same name under one -o folder: the second is refused")
  func sameNameFromTwoFolders() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.jpeg(Portrait.image), to: "x/a.jpg")
      try folder.write(try Encoded.jpeg(Portrait.mirrored), to: "y/a.jpg")
      let run = try FaceGuardProcess.run(["-o", "out", "x/a.jpg", "y/a.jpg"], in: folder.url)
      #expect(run.status != 0)
      let lines = run.errorLines(mentioning: "y/a.jpg")
      #expect(lines.count == 1 && lines.first?.contains("x/a.jpg") == true, "\(run.standardError)")
      let written = try ImageDecoder.decode(try folder.read("out/a.jpg")).image
      let fromFirst = try ImageDecoder.decode(try folder.read("x/a.jpg")).image
      let bottom = { (image: Image) in
        image.cropped(to: PixelRect(x: 0, y: 216, width: image.width, height: 40))
      }
      #expect(PixelComparison.meanDifference(bottom(written), bottom(fromFirst)) < 8)
      #expect(try folder.allFiles(below: "out") == ["a.jpg"])
    }
  }
}
