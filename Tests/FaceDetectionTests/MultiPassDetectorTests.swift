import FaceGuardCore
import Foundation
import TestSupport
import Testing

@testable import FaceDetection

@Suite struct MultiPassDetectorTests {
  /// A grey 1000x700 canvas with the sample portrait pasted at face heights 12 and 140 px.
  static func groupPhoto() throws -> (image: Image, faces: [Rect]) {
    let portrait = try TestImages.portrait()
    let portraitFace = Rect(x: 182, y: 59, width: 88, height: 118)
    var canvas = Image(width: 1000, height: 700, layout: .rgb, repeating: 128)
    var faces: [Rect] = []
    var x = 0
    for faceHeight in [140.0, 12, 12, 12] {
      let factor = faceHeight / portraitFace.height
      let copy = portrait.resized(
        width: Int(Double(portrait.width) * factor), height: Int(Double(portrait.height) * factor))
      let y = faceHeight > 100 ? 0 : 640
      for row in 0..<copy.height {
        for column in 0..<copy.width {
          for channel in 0..<3 {
            canvas.pixels[((y + row) * canvas.width + x + column) * 3 + channel] =
              copy.pixels[(row * copy.width + column) * 3 + channel]
          }
        }
      }
      faces.append(
        Rect(
          x: Double(x) + portraitFace.x * factor, y: Double(y) + portraitFace.y * factor,
          width: portraitFace.width * factor, height: faceHeight))
      x += copy.width + 40
    }
    return (canvas, faces)
  }

  static func found(_ expected: [Rect], in faces: [Face]) -> Int {
    expected.filter { truth in faces.contains { $0.box.intersectionOverUnion(truth) > 0.3 } }.count
  }

  @Test func tilesFindSmallFacesTheWholeImagePassMisses() throws {
    let (image, expected) = try Self.groupPhoto()
    let fast = try FaceModel.centerface.makeMultiPassDetector(preset: .fast)
    let balanced = try FaceModel.centerface.makeMultiPassDetector(preset: .balanced)
    let fastFaces = try fast.detect(in: image, threshold: 0.3)
    let balancedFaces = try balanced.detect(in: image, threshold: 0.3)
    #expect(Self.found(expected, in: balancedFaces) == expected.count)
    #expect(Self.found(expected, in: fastFaces) < expected.count)
    #expect(Self.found([expected[0]], in: balancedFaces) == 1, "the large face survives merging")
    #expect(balancedFaces.count <= expected.count + 1)
  }

  @Test func parallelLanesFindTheSameFacesAsOneDetector() throws {
    let (image, _) = try Self.groupPhoto()
    let laned = try FaceModel.centerface.makeMultiPassDetector(preset: .balanced, threads: 2)
    let single = MultiPassDetector(
      whole: try FaceModel.centerface.makeDetector(threads: 1), preset: .balanced)
    let a = try laned.detect(in: image, threshold: 0.3)
    let b = try single.detect(in: image, threshold: 0.3)
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) { #expect(x.box.intersectionOverUnion(y.box) > 0.99) }
  }

  @Test func blazeFaceRunsOnTilesToo() throws {
    let (image, expected) = try Self.groupPhoto()
    let detector = try FaceModel.blazefaceFull.makeMultiPassDetector(preset: .balanced)
    let faces = try detector.detect(in: image, threshold: FaceModel.blazefaceFull.defaultThreshold)
    #expect(Self.found([expected[0]], in: faces) == 1)
  }

  @Test func aTiledPassIsNotExpectedToFindFacesLargerThanItsTilesHoldWhole() {
    let tiles = [PixelRect(x: 0, y: 0, width: 192, height: 192)]
    let tiled = DetectionPass(
      scale: 0.5, width: 300, height: 192,
      tiles: tiles + [PixelRect(x: 108, y: 0, width: 192, height: 192)], faceRange: 60...180)
    #expect(MultiPassDetector.isResponsible(tiled, for: 250, isLowest: false))
    #expect(!MultiPassDetector.isExpected(tiled, toSee: 250, isLowest: false, largestTileFace: 96))
    #expect(MultiPassDetector.isExpected(tiled, toSee: 150, isLowest: false, largestTileFace: 96))
    #expect(!MultiPassDetector.isExpected(tiled, toSee: 30, isLowest: false, largestTileFace: 96))
    let whole = DetectionPass(
      scale: 0.1, width: 192, height: 192, tiles: tiles, faceRange: 180...Double.infinity)
    #expect(MultiPassDetector.isExpected(whole, toSee: 2000, isLowest: false, largestTileFace: 96))
  }
}

@Suite("Tiles taking turns over successive searches")
struct TileRotationTests {
  @Test func everyTileRunsOnceInAFullRoundAndSingleRegionPassesEveryTime() {
    let plan = DetectionPlan(
      imageWidth: 1920, imageHeight: 1080, profile: DetectionPlanTests.centerFace,
      preset: .balanced,
      minimumFace: 12)
    let tiled = plan.passes.last!
    #expect(tiled.tiles.count > 3)
    for turns in [1, 2, 3, 4] {
      var runs = [Int](repeating: 0, count: tiled.tiles.count)
      for search in 0..<turns {
        let rotation = TileRotation(search: search + 7 * turns, turns: turns)
        for index in rotation.tileIndices(of: tiled, isLowest: true) { runs[index] += 1 }
        #expect(rotation.tileIndices(of: plan.passes[0], isLowest: false) == [0])
      }
      #expect(runs.allSatisfy { $0 == 1 }, "\(turns) turns: \(runs)")
    }
    #expect(
      TileRotation.everyTile.tileIndices(of: tiled, isLowest: true) == Array(tiled.tiles.indices))
  }

  @Test func tilesWhereAFaceIsExpectedRunOnEveryTurn() {
    let plan = DetectionPlan(
      imageWidth: 1920, imageHeight: 1080, profile: DetectionPlanTests.centerFace,
      preset: .balanced, minimumFace: 12)
    let tiled = plan.passes.last!
    let small = Rect(x: 1800, y: 1000, width: 16, height: 20)
    let large = Rect(x: 1700, y: 900, width: 150, height: 160)
    let holding = tiled.tiles.indices.filter {
      tiled.tiles[$0].contains(MultiPassDetector.centre(of: small, scaledBy: tiled.scale))
    }
    #expect(!holding.isEmpty)
    for search in 0..<3 {
      let plain = TileRotation(search: search, turns: 3).tileIndices(of: tiled, isLowest: true)
      let focused = TileRotation(search: search, turns: 3, focus: [small, large])
        .tileIndices(of: tiled, isLowest: true)
      #expect(Set(focused) == Set(plain).union(holding), "turn \(search)")
    }
  }

  @Test func theTurnsTogetherFindWhatEveryTileFinds() throws {
    let (image, expected) = try MultiPassDetectorTests.groupPhoto()
    let detector = try FaceModel.centerface.makeMultiPassDetector(preset: .balanced)
    let everyTile = try detector.detect(in: image, threshold: 0.3)
    #expect(MultiPassDetectorTests.found(expected, in: everyTile) == expected.count)
    var union: [Face] = []
    for search in 0..<3 {
      let faces = try detector.detect(
        in: image, threshold: 0.3, rotation: TileRotation(search: search, turns: 3))
      #expect(MultiPassDetectorTests.found([expected[0]], in: faces) == 1, "turn \(search)")
      union += faces
    }
    #expect(MultiPassDetectorTests.found(expected, in: union) == expected.count)
    for face in everyTile {
      let same = union.filter { $0.box.intersectionOverUnion(face.box) > 0.9 }
      #expect(same.contains { abs($0.score - face.score) < 0.01 }, "\(face) keeps its score")
    }
  }
}
