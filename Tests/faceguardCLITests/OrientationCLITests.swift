import FaceGuardCore
import FaceGuardFiles
import Foundation
import ImageCodecs
import TestSupport
import Testing

@Suite("faceguard works on photos as they are shown (EXIF orientation)")
struct OrientationCLITests {
  /// The upright picture: a portrait-shaped window of the sample, so rotations change the size.
  private static let upright = Portrait.crop(x: 32, y: 0, width: 192, height: 240)

  /// Writes `o1.jpg` ... `o8.jpg`: stored pixels transformed by the inverse orientation, so each
  /// displays as ``upright``.
  private func writeInputs(in folder: TemporaryFolder) throws {
    for orientation in Orientation.allCases {
      let stored = orientation.inverse.apply(to: Self.upright)
      #expect(orientation.apply(to: stored) == Self.upright)
      let tiff = TestTIFFBuilder(isBigEndian: false)
      let exif = tiff.payload(image: [tiff.short(0x0112, UInt16(orientation.rawValue))])
      let bytes = try Encoded.jpeg(stored, metadata: ImageMetadata(exif: exif))
      try folder.write(bytes, to: "photos/o\(orientation.rawValue).jpg")
    }
  }

  @Test("detect finds the face at the same upright box for all 8 orientations")
  func detectBoxesAgree() throws {
    try TemporaryFolder.use { folder in
      try writeInputs(in: folder)
      let run = try FaceGuardProcess.run(
        ["detect", "--json-out", "faces.json", "photos"], in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      let report = try JSONDecoder().decode(
        DetectionReport.self, from: Data(try folder.read("faces.json")))
      #expect(report.images.map(\.file) == (1...8).map { "photos/o\($0).jpg" })
      let reference = try #require(report.images.first?.faces.first, "no face in o1.jpg")
      #expect(reference.w > 20 && reference.h > 20)
      for entry in report.images {
        #expect(entry.faces.count == 1, "\(entry.file): \(entry.faces)")
        guard let face = entry.faces.first else { continue }
        let tolerance = 4.0
        #expect(abs(face.x - reference.x) <= tolerance, "\(entry.file): \(face) vs \(reference)")
        #expect(abs(face.y - reference.y) <= tolerance, "\(entry.file): \(face) vs \(reference)")
        #expect(abs(face.w - reference.w) <= tolerance, "\(entry.file): \(face) vs \(reference)")
        #expect(abs(face.h - reference.h) <= tolerance, "\(entry.file): \(face) vs \(reference)")
      }
    }
  }

  @Test("the anonymized copies are written upright, without an orientation tag")
  func outputsAreUpright() throws {
    try TemporaryFolder.use { folder in
      try writeInputs(in: folder)
      let run = try FaceGuardProcess.run(["-o", "out", "photos"], in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      for orientation in Orientation.allCases {
        let name = "out/o\(orientation.rawValue).jpg"
        let decoded = try ImageDecoder.decode(try folder.read(name))
        #expect(decoded.metadata.exif == nil, "\(name)")
        #expect(decoded.image.width == Self.upright.width, "\(name)")
        #expect(decoded.image.height == Self.upright.height, "\(name)")
        let bottom = Self.upright.height - 40
        let stripe = { (image: Image) in
          image.cropped(to: PixelRect(x: 0, y: bottom, width: image.width, height: 40))
        }
        let difference = PixelComparison.meanDifference(stripe(decoded.image), stripe(Self.upright))
        #expect(difference < 12, "\(name): the bottom stripe differs by \(difference)")
      }
    }
  }
}
