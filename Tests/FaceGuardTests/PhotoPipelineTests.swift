import FaceDetection
import FaceGuardCore
import FaceRedaction
import ImageCodecs
import Testing
import Watermarking

@testable import FaceGuard

/// A detector that reports fixed boxes, so pipeline tests need no model.
private struct FixedDetector: FaceDetector {
  var faces: [Face]
  let profile = DetectorProfile(
    tileSize: 64, smallestFace: 8, largestTileFace: 32, acceptsAnySize: true)

  func detect(in image: Image, threshold: Double) throws -> [Face] {
    faces.filter { $0.score >= threshold }
  }
}

@Suite("Photo pipeline")
struct PhotoPipelineTests {
  private static let face = Face(
    box: Rect(x: 8, y: 6, width: 16, height: 12), score: 0.9, landmarks: [])

  private static func gradient(width: Int, height: Int) -> Image {
    var pixels: [UInt8] = []
    for y in 0..<height {
      for x in 0..<width { pixels += [UInt8(x * 4 % 256), UInt8(y * 4 % 256), 128] }
    }
    return Image(width: width, height: height, layout: .rgb, pixels: pixels)
  }

  @Test("the pipeline turns photos upright, hides faces and strips metadata")
  func pipeline() throws {
    let upright = Self.gradient(width: 40, height: 30)
    let stored = Orientation.right.inverse.apply(to: upright)
    let exif: [UInt8] = [
      0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
      0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00,
    ]
    let xmp = Array("<x:xmpmeta>secret</x:xmpmeta>".utf8)
    let input = try ImageEncoder.encode(
      stored, as: .png, options: EncodeOptions(metadata: ImageMetadata(exif: exif, xmp: xmp)))
    let pipeline = PhotoPipeline(
      detector: FixedDetector(faces: [Self.face]),
      options: AnonymizeOptions(redaction: RedactionOptions(style: .solid(.white), shape: .box)))
    let result = try pipeline.process(input)
    #expect(result.width == 40 && result.height == 30)
    #expect(result.faces == [Self.face])
    #expect(result.outputFormat == .png)
    #expect(result.removedMetadata == ["XMP"])
    let output = try ImageDecoder.decode(try #require(result.output))
    #expect(output.metadata.isEmpty)
    #expect(output.image.width == 40 && output.image.height == 30)
    let center = (12 * 40 + 16) * 3
    #expect(Array(output.image.pixels[center..<center + 3]) == [255, 255, 255])
    let corner = (29 * 40 + 39) * 3
    #expect(output.image.pixels[corner..<corner + 3] == upright.pixels[corner..<corner + 3])

    let reportOnly = PhotoPipeline(
      detector: FixedDetector(faces: [Self.face]), options: AnonymizeOptions(redaction: nil))
    let counted = try reportOnly.process(input)
    #expect(counted.output == nil)
    #expect(counted.faces.count == 1)
    #expect(throws: ImageCodecError.empty) { try pipeline.process([]) }
  }

  @Test("a photo's working memory is estimated from its declared size, a bad header by its bytes")
  func workingMemory() throws {
    let pipeline = PhotoPipeline(
      detector: FixedDetector(faces: []),
      options: AnonymizeOptions(limits: DecodeLimits(maxPixels: 1_000_000)))
    let file = try ImageEncoder.encode(Self.gradient(width: 300, height: 200), as: .png)
    #expect(
      pipeline.workingMemory(ofFile: file)
        == 300 * 200 * PhotoPipeline.workingBytesPerPixel + 2 * file.count)
    #expect(pipeline.workingMemory(ofFile: Array("no image".utf8)) == 16)
    let tooLarge = try ImageEncoder.encode(Self.gradient(width: 1001, height: 1000), as: .png)
    #expect(pipeline.workingMemory(ofFile: tooLarge) == 2 * tooLarge.count)
  }

  @Test("the watermark is stamped after the faces are hidden, exactly as the mark draws it")
  func watermark() throws {
    let upright = Self.gradient(width: 64, height: 48)
    let input = try ImageEncoder.encode(upright, as: .png, options: EncodeOptions())
    let mark = try Watermark(text: "anonymized", corner: .topLeft)
    let pipeline = PhotoPipeline(
      detector: FixedDetector(faces: [Self.face]),
      options: AnonymizeOptions(
        redaction: RedactionOptions(style: .solid(.white), shape: .box), watermark: mark))
    let output = try ImageDecoder.decode(try #require(try pipeline.process(input).output)).image
    var expected = Redactor(options: RedactionOptions(style: .solid(.white), shape: .box))
      .redacted(upright, regions: [Self.face.box])
    mark.draw(on: &expected)
    #expect(output == expected)
    #expect(
      output
        != Redactor(options: RedactionOptions(style: .solid(.white), shape: .box))
        .redacted(upright, regions: [Self.face.box]))
  }
}
