import FaceDetection
import Foundation
import TestSupport
import Testing

@Suite("faceguard --precision and faceguard calibrate")
struct PrecisionCLITests {
  /// A models folder in `folder` linking CenterFace's model and the sample portraits.
  static func linkedModels(in folder: TemporaryFolder) throws -> URL {
    let models = folder.path("models")
    try FileManager.default.createDirectory(
      at: models.appendingPathComponent("portraits"), withIntermediateDirectories: true)
    let names = [CenterFace.modelFileName] + SamplePortraits.all.map(\.file)
    for name in names {
      try FileManager.default.createSymbolicLink(
        at: models.appendingPathComponent(name), withDestinationURL: ModelFiles.url(name))
    }
    return models
  }

  @Test("int8 without a calibration file names the file and the command that makes it")
  func missingCalibration() throws {
    try TemporaryFolder.use { folder in
      let models = try Self.linkedModels(in: folder)
      try folder.write(try Encoded.jpeg(Portrait.image), to: "photo.jpg")
      let run = try FaceGuardProcess.run(
        [
          "detect", "--model", "centerface", "--precision", "int8", "--json-out", "faces.json",
          "photo.jpg",
        ], in: folder.url, models: models)
      #expect(run.status != 0)
      #expect(!run.errorLines(mentioning: "centerface.int8.json").isEmpty, "\(run.standardError)")
      #expect(!run.errorLines(mentioning: "faceguard calibrate").isEmpty, "\(run.standardError)")
    }
  }

  @Test("calibrate writes the file once; detect --precision int8 then finds the face")
  func calibrateThenDetect() throws {
    try TemporaryFolder.use { folder in
      let models = try Self.linkedModels(in: folder)
      let calibrate = try FaceGuardProcess.run(
        ["calibrate", "--model", "centerface"], in: folder.url, models: models)
      #expect(calibrate.status == 0, "\(calibrate.standardError)")
      #expect(
        FileManager.default.fileExists(
          atPath: models.appendingPathComponent("centerface.int8.json").path))
      let again = try FaceGuardProcess.run(
        ["calibrate", "--model", "centerface"], in: folder.url, models: models)
      #expect(again.standardOutput.contains("centerface.int8.json is up to date"))
      try folder.write(try Encoded.jpeg(Portrait.image), to: "photo.jpg")
      let detect = try FaceGuardProcess.run(
        [
          "detect", "--model", "centerface", "--precision", "int8", "--json-out", "faces.json",
          "photo.jpg",
        ], in: folder.url, models: models)
      #expect(detect.status == 0, "\(detect.standardError)")
      let report = try JSONDecoder().decode(
        DetectionDocument.self, from: Data(try folder.read("faces.json")))
      #expect(report.images.first?.faces.count == 1)
    }
  }

  @Test("an unknown precision is refused with the choices")
  func unknownPrecision() throws {
    try TemporaryFolder.use { folder in
      let run = try FaceGuardProcess.run(
        ["detect", "--precision", "fp16", "x.jpg"], in: folder.url)
      #expect(run.status == 64)
      #expect(run.standardError.contains("fp32"), "\(run.standardError)")
    }
  }

  /// What `detect --json-out` writes, as far as these tests read it.
  struct DetectionDocument: Decodable {
    struct Entry: Decodable {
      var faces: [[String: Double]]
    }
    var images: [Entry]
  }
}
