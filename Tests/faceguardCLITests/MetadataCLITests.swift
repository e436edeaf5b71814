import FaceGuardCore
import Foundation
import ImageCodecs
import TestSupport
import Testing

@Suite("faceguard removes private metadata")
struct MetadataCLITests {
  /// Writes the private-metadata JPEG (stored rotated, orientation 6) as `in.jpg`.
  private func writeInput(in folder: TemporaryFolder) throws -> [UInt8] {
    let stored = Orientation.right.inverse.apply(to: Portrait.image)
    let bytes = try Encoded.jpeg(stored, metadata: PrivateMetadataFixture.metadata(orientation: 6))
    try folder.write(bytes, to: "in.jpg")
    return bytes
  }

  /// Expects none of the private blocks' tell-tale bytes anywhere in `output`.
  private func expectNoPrivateBytes(in output: [UInt8]) {
    #expect(!output.containsText(PrivateMetadataFixture.personName))
    #expect(!output.containsText(PrivateMetadataFixture.gpsDatum))
    #expect(!output.containsSequence(PrivateMetadataFixture.latitudeBytes))
    #expect(!output.containsText("x:xmpmeta"))
    #expect(!output.containsText("http://ns.adobe.com/xap/1.0/"))
    #expect(!output.containsText("metadataworkinggroup"))
    #expect(!output.containsSequence(PrivateMetadataFixture.thumbnail))
    #expect(!output.containsSequence(Array(PrivateMetadataFixture.thumbnail.suffix(48))))
    #expect(!output.dropFirst(2).map { $0 }.containsSequence([0xFF, 0xD8, 0xFF]))
  }

  @Test("the input carries everything the test looks for")
  func fixtureIsComplete() throws {
    try TemporaryFolder.use { folder in
      let input = try writeInput(in: folder)
      #expect(input.containsText(PrivateMetadataFixture.personName))
      #expect(input.containsText(PrivateMetadataFixture.gpsDatum))
      #expect(input.containsSequence(PrivateMetadataFixture.thumbnail))
      let decoded = try ImageDecoder.decode(input)
      let exif = try EXIF(parsing: try #require(decoded.metadata.exif))
      #expect(exif.gpsDirectory[0x0012]?.text == PrivateMetadataFixture.gpsDatum)
      #expect(exif.thumbnailDirectory[0x0202] != nil)
      #expect(decoded.metadata.xmp != nil)
      #expect(decoded.metadata.iccProfile == PrivateMetadataFixture.iccProfile)
    }
  }

  @Test("by default only the ICC profile survives")
  func stripsEverythingButTheProfile() throws {
    try TemporaryFolder.use { folder in
      _ = try writeInput(in: folder)
      let run = try FaceGuardProcess.run(["-o", "out", "in.jpg"], in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      let output = try folder.read("out/in.jpg")
      let decoded = try ImageDecoder.decode(output)
      #expect(decoded.metadata.iccProfile == PrivateMetadataFixture.iccProfile)
      #expect(decoded.metadata.exif == nil)
      #expect(decoded.metadata.xmp == nil)
      #expect(!output.containsText("Exif\0\0"))
      #expect(!output.containsText(PrivateMetadataFixture.make))
      #expect(!output.containsText(PrivateMetadataFixture.dateTimeOriginal))
      expectNoPrivateBytes(in: output)
    }
  }

  @Test("--keep-metadata keeps camera and date, sets orientation 1, drops the rest")
  func keepsSafeSubset() throws {
    try TemporaryFolder.use { folder in
      _ = try writeInput(in: folder)
      let run = try FaceGuardProcess.run(
        ["--keep-metadata", "-o", "kept", "in.jpg"], in: folder.url)
      #expect(run.status == 0, "\(run.standardError)")
      let output = try folder.read("kept/in.jpg")
      let decoded = try ImageDecoder.decode(output)
      #expect(decoded.metadata.iccProfile == PrivateMetadataFixture.iccProfile)
      #expect(decoded.metadata.xmp == nil)
      let exif = try EXIF(parsing: try #require(decoded.metadata.exif))
      #expect(exif.imageDirectory[EXIFTag.make]?.text == PrivateMetadataFixture.make)
      #expect(exif.imageDirectory[EXIFTag.model]?.text == PrivateMetadataFixture.model)
      #expect(
        exif.exifDirectory[EXIFTag.dateTimeOriginal]?.text
          == PrivateMetadataFixture.dateTimeOriginal)
      #expect(exif.orientation == .up)
      #expect(exif.gpsDirectory.entries.isEmpty)
      #expect(exif.thumbnailDirectory.entries.isEmpty)
      #expect(exif.imageDirectory[EXIFTag.gpsDirectory] == nil)
      #expect(exif.imageDirectory[EXIFTag.artist] == nil)
      #expect(decoded.image.width == Portrait.image.width)
      #expect(decoded.image.height == Portrait.image.height)
      expectNoPrivateBytes(in: output)
    }
  }
}
