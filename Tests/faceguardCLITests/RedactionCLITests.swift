import FaceGuard
import FaceGuardCore
import FaceGuardFiles
import FaceRedaction
import Foundation
import ImageCodecs
import TestSupport
import Testing

@Suite("faceguard hides faces and nothing else (lossless PNG)")
struct RedactionCLITests {
  /// The face boxes of an anonymize report's only file.
  private func reportedFaces(_ folder: TemporaryFolder, _ name: String) throws
    -> [FaceBox]
  {
    let report = try JSONDecoder().decode(
      AnonymizeReport.self, from: Data(try folder.read(name)))
    let entry = try #require(report.files.first)
    #expect(entry.error == nil)
    return entry.faces
  }

  /// Runs `faceguard ARGS --report report.json -o out in.png` on the portrait and returns the
  /// output image with the faces found.
  private func anonymize(_ arguments: [String], in folder: TemporaryFolder) throws
    -> (output: Image, faces: [FaceBox])
  {
    try folder.write(try Encoded.png(Portrait.image), to: "in.png")
    let run = try FaceGuardProcess.run(
      arguments + ["--report", "report.json", "-o", "out", "in.png"], in: folder.url)
    #expect(run.status == 0, "\(run.standardError)")
    let faces = try reportedFaces(folder, "report.json")
    try #require(faces.count == 1, "expected one face in the portrait, got \(faces)")
    let output = try ImageDecoder.decode(try folder.read("out/in.png")).image
    return (output, faces)
  }

  /// Whether (`x`, `y`) lies within `box` scaled by `scale` about its centre, grown by `margin`.
  private func isNear(_ x: Int, _ y: Int, _ box: FaceBox, scale: Double, margin: Double)
    -> Bool
  {
    let halfWidth = box.w * scale / 2 + margin
    let halfHeight = box.h * scale / 2 + margin
    let centerX = box.x + box.w / 2
    let centerY = box.y + box.h / 2
    let px = Double(x) + 0.5
    let py = Double(y) + 0.5
    return abs(px - centerX) <= halfWidth && abs(py - centerY) <= halfHeight
  }

  /// Expects every pixel outside the scaled boxes to be unchanged; returns how many were compared.
  private func expectUnchangedOutside(
    _ faces: [FaceBox], output: Image, scale: Double = RedactionOptions().maskScale
  ) -> Int {
    let input = Portrait.image
    #expect(output.width == input.width && output.height == input.height)
    var compared = 0
    var changed = 0
    for y in 0..<input.height {
      for x in 0..<input.width
      where !faces.contains(where: { isNear(x, y, $0, scale: scale, margin: 2) }) {
        compared += 1
        if rgbSamples(output, x, y) != rgbSamples(input, x, y) { changed += 1 }
      }
    }
    #expect(changed == 0, "\(changed) of \(compared) pixels outside the faces changed")
    return compared
  }

  /// The mean difference between input and output inside the central 60% of `box`.
  private func changeInside(_ box: FaceBox, output: Image) -> Double {
    let x = Int(box.x + box.w * 0.2)
    let y = Int(box.y + box.h * 0.2)
    let width = Int(box.w * 0.6)
    let height = Int(box.h * 0.6)
    return PixelComparison.meanDifference(
      output.cropped(to: PixelRect(x: x, y: y, width: width, height: height)),
      Portrait.image.cropped(to: PixelRect(x: x, y: y, width: width, height: height)))
  }

  @Test("blur (the default) changes the face strongly and no pixel far from it")
  func blur() throws {
    try TemporaryFolder.use { folder in
      let (output, faces) = try anonymize([], in: folder)
      #expect(expectUnchangedOutside(faces, output: output) > 256 * 256 / 2)
      let change = changeInside(faces[0], output: output)
      #expect(change > 8, "the face changed by only \(change) on average")
    }
  }

  @Test("--mode pixelate changes the face strongly and no pixel far from it")
  func pixelate() throws {
    try TemporaryFolder.use { folder in
      let (output, faces) = try anonymize(["--mode", "pixelate"], in: folder)
      _ = expectUnchangedOutside(faces, output: output)
      let change = changeInside(faces[0], output: output)
      #expect(change > 8, "the face changed by only \(change) on average")
    }
  }

  @Test("--mode solid --color ff0000 --shape box fills the face box exactly red")
  func solidBox() throws {
    try TemporaryFolder.use { folder in
      let (output, faces) = try anonymize(
        ["--mode", "solid", "--color", "ff0000", "--shape", "box"], in: folder)
      _ = expectUnchangedOutside(faces, output: output)
      let box = faces[0]
      var notRed = 0
      for y in Int(box.y.rounded(.up))..<Int(box.y + box.h) {
        for x in Int(box.x.rounded(.up))..<Int(box.x + box.w)
        where rgbSamples(output, x, y) != [255, 0, 0] {
          notRed += 1
        }
      }
      #expect(notRed == 0, "\(notRed) pixels inside the face box are not red")
    }
  }

  @Test("--mode none writes no image but reports the face")
  func reportOnly() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.png(Portrait.image), to: "in.png")
      let run = try FaceGuardProcess.run(
        ["--mode", "none", "--report", "report.json", "-o", "out", "in.png"], in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      #expect(try folder.allFiles() == ["in.png", "report.json"])
      let report = try JSONDecoder().decode(
        AnonymizeReport.self, from: Data(try folder.read("report.json")))
      #expect(report.files.count == 1)
      #expect(report.files.first?.file == "in.png")
      #expect(report.files.first?.output == nil)
      #expect(report.files.first?.faces.count == 1)
      #expect(report.summary.faces == 1)
    }
  }
}
