import FaceGuardCore
import TestSupport
import Testing

@testable import FaceDetection

@Suite struct EnsembleDetectorTests {
  /// A model that finds the same faces in every image, down to the threshold.
  struct FixedModel: FaceDetector {
    var faces: [Face]
    var profile: DetectorProfile

    func detect(in image: Image, threshold: Double) throws -> [Face] {
      faces.filter { $0.score >= threshold }
    }
  }

  static func face(x: Double, size: Double, score: Double) -> Face {
    Face(box: Rect(x: x, y: 10, width: size, height: size), score: score)
  }

  /// A one-pass member that sees faces from `smallestFace` px in an 800x600 image.
  static func member(_ faces: [Face], smallestFace: Double) -> MultiPassDetector {
    MultiPassDetector(
      whole: FixedModel(
        faces: faces,
        profile: DetectorProfile(
          tileSize: 640, smallestFace: smallestFace, largestTileFace: 160, acceptsAnySize: true)),
      preset: .fast)
  }

  static func score(near x: Double, in faces: [Face]) -> Double? {
    faces.first { abs($0.box.x - x) < 5 }?.score
  }

  @Test func aFaceBothModelsSeeKeepsTheirMeanAndALoneOneAShare() throws {
    let leading = Self.member(
      [
        Self.face(x: 0, size: 100, score: 0.8), Self.face(x: 300, size: 16, score: 0.6),
        Self.face(x: 500, size: 50, score: 0.5),
      ], smallestFace: 8)
    let companion = Self.member(
      [
        Self.face(x: 2, size: 100, score: 0.6), Self.face(x: 150, size: 80, score: 0.9),
        Self.face(x: 301, size: 16, score: 0.2), Self.face(x: 700, size: 20, score: 0.8),
      ], smallestFace: 30)
    let ensemble = EnsembleDetector(members: [leading, companion])
    let image = Image(width: 800, height: 600, layout: .rgb, repeating: 0)
    let faces = try ensemble.detect(in: image, threshold: 0.2)
    let share = (1 + EnsembleDetector.missedModelCredit) / 2
    #expect(faces.count == 5)
    #expect(abs((Self.score(near: 0, in: faces) ?? 0) - 0.7) < 1e-9, "both models: the mean")
    #expect(abs((Self.score(near: 150, in: faces) ?? 0) - 0.9 * share) < 1e-9)
    #expect(abs((Self.score(near: 500, in: faces) ?? 0) - 0.5 * share) < 1e-9)
    #expect(
      Self.score(near: 300, in: faces) == 0.6,
      "the companion's unsure sighting of a face smaller than it covers does not count")
    #expect(
      abs((Self.score(near: 700, in: faces) ?? 0) - 0.8 * share) < 1e-9,
      "a face only the companion saw, of a size only the leading model covers, keeps a share")
    let strict = try ensemble.detect(in: image, threshold: 0.5)
    #expect(strict.count == 4, "a lone sighting falls below a threshold its own score reached")
  }

  @Test func oneModelIsItsOwnDetectorUnchanged() throws {
    let faces = [Self.face(x: 0, size: 100, score: 0.8), Self.face(x: 40, size: 100, score: 0.7)]
    let member = Self.member(faces, smallestFace: 8)
    let image = Image(width: 800, height: 600, layout: .rgb, repeating: 0)
    let alone = try member.detect(in: image, threshold: 0.3)
    let ensemble = try EnsembleDetector(members: [member]).detect(in: image, threshold: 0.3)
    #expect(ensemble == alone)
  }

  @Test func theLeadingModelAloneFollowsAGivenMinimumFace() throws {
    let ensemble = try ModelChoice([.centerface, .retinaface]).makeDetector(preset: .balanced)
    let covering = ensemble.covering(minimumFace: 12)
    #expect(covering.members[0].minimumFace == 12)
    #expect(covering.members[1].minimumFace == nil)
    #expect(covering.members[1].preset == ModelChoice.companionPreset)
  }

  /// A 1280x720 grey canvas with the seven sample portraits, each a different person, cut
  /// around the face and pasted in a row with faces from 150 down to 14 px.
  static func groupPhoto() throws -> (image: Image, faces: [Rect]) {
    var canvas = Image(width: 1280, height: 720, layout: .rgb, repeating: 128)
    var faces: [Rect] = []
    var x = 10
    for (portrait, faceHeight) in zip(try TestPortraits.load(), [150.0, 100, 64, 44, 30, 22, 14]) {
      let face = portrait.face
      let left = max(0, Int(face.x - face.width / 2))
      let top = max(0, Int(face.y - face.height / 2))
      let cut = PixelRect(
        x: left, y: top, width: min(portrait.image.width - left, Int(face.width * 2)),
        height: min(portrait.image.height - top, Int(face.height * 2)))
      let factor = faceHeight / face.height
      let copy = portrait.image.cropped(to: cut).resized(
        width: Int(Double(cut.width) * factor), height: Int(Double(cut.height) * factor))
      for row in 0..<copy.height {
        for column in 0..<copy.width {
          for channel in 0..<3 {
            canvas.pixels[((20 + row) * canvas.width + x + column) * 3 + channel] =
              copy.pixels[(row * copy.width + column) * copy.layout.channels + channel]
          }
        }
      }
      faces.append(
        Rect(
          x: Double(x) + (face.x - Double(left)) * factor,
          y: 20 + (face.y - Double(top)) * factor, width: face.width * factor,
          height: faceHeight))
      x += copy.width + 12
    }
    return (canvas, faces)
  }

  @Test func theDefaultEnsembleFindsEveryPortraitFromFourteenPixels() throws {
    let (image, expected) = try Self.groupPhoto()
    let ensemble = try DetectionPreset.balanced.defaultModels.makeDetector(preset: .balanced)
    #expect(ensemble.members.count == 2)
    let faces = try ensemble.detect(in: image, threshold: EnsembleDetector.defaultThreshold)
    let missed = expected.filter { truth in
      !faces.contains { $0.box.intersectionOverUnion(truth) > 0.3 }
    }
    #expect(missed.isEmpty, "missed \(missed)")
    #expect(faces.count <= expected.count + 1)
  }
}
