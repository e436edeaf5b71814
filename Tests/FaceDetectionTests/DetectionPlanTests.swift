import Testing

@testable import FaceDetection

@Suite struct DetectionPlanTests {
  static let centerFace = DetectorProfile(
    tileSize: 640, smallestFace: 16, largestTileFace: 160, acceptsAnySize: true)
  static let blazeFace = DetectorProfile(
    tileSize: 128, smallestFace: 128.0 / 6, largestTileFace: 64, acceptsAnySize: false)

  /// Every face height from the minimum up is some pass's responsibility, and each tile pass's
  /// tiles cover its scaled image and overlap by at least its largest face.
  static func expectCoherent(_ plan: DetectionPlan, minimumFace: Double, tileSize: Int) {
    let bands = plan.passes.map(\.faceRange).sorted { $0.lowerBound < $1.lowerBound }
    #expect(bands.first!.lowerBound <= minimumFace * 1.001)
    #expect(bands.last!.upperBound == .infinity)
    for (lower, upper) in zip(bands, bands.dropFirst()) {
      #expect(upper.lowerBound <= lower.upperBound * 1.001, "gap between \(lower) and \(upper)")
    }
    for pass in plan.passes {
      for tile in pass.tiles {
        #expect(tile.x >= 0 && tile.y >= 0)
        #expect(tile.x + tile.width <= pass.width && tile.y + tile.height <= pass.height)
      }
      #expect(Self.covers(pass.tiles.map { ($0.x, $0.width) }, length: pass.width))
      #expect(Self.covers(pass.tiles.map { ($0.y, $0.height) }, length: pass.height))
      let columns = Set(pass.tiles.map(\.x)).count
      let rows = Set(pass.tiles.map(\.y)).count
      #expect(pass.tiles.count == columns * rows, "tiles form a grid")
      if pass.tiles.count > 1 {
        #expect(pass.tiles.allSatisfy { $0.width <= tileSize && $0.height <= tileSize })
        let largestFace = pass.faceRange.upperBound * pass.scale
        let columns = Set(pass.tiles.map(\.x)).sorted()
        for (left, right) in zip(columns, columns.dropFirst()) {
          #expect(Double(left + tileSize - right) >= min(largestFace, Double(tileSize / 2)))
        }
      }
    }
  }

  /// Whether the spans cover 0..<length without a gap.
  static func covers(_ spans: [(start: Int, length: Int)], length: Int) -> Bool {
    var reached = 0
    for span in spans.sorted(by: { $0.start < $1.start }) {
      guard span.start <= reached else { return false }
      reached = max(reached, span.start + span.length)
    }
    return reached == length
  }

  @Test func fastIsOneWholeImagePass() {
    let plan = DetectionPlan(
      imageWidth: 3840, imageHeight: 2160, profile: Self.centerFace, preset: .fast)
    #expect(plan.passes.count == 1)
    #expect(plan.passes[0].width == 1024 && plan.passes[0].tiles.count == 1)
    #expect(!plan.mirrors)
  }

  @Test(arguments: [(1024, 768), (1920, 1080), (3840, 2160), (4032, 3024), (600, 400)])
  func balancedCoversDownToOnePercentOfTheShortSide(width: Int, height: Int) {
    let plan = DetectionPlan(
      imageWidth: width, imageHeight: height, profile: Self.centerFace, preset: .balanced)
    let minimum = max(10, Double(min(width, height)) / 100)
    Self.expectCoherent(plan, minimumFace: minimum, tileSize: 640)
    #expect(plan.passes.allSatisfy { $0.scale <= 2 })
  }

  @Test func thoroughIsBalancedMirrored() {
    let balanced = DetectionPlan(
      imageWidth: 1024, imageHeight: 768, profile: Self.centerFace, preset: .balanced)
    let thorough = DetectionPlan(
      imageWidth: 1024, imageHeight: 768, profile: Self.centerFace, preset: .thorough)
    #expect(thorough.mirrors && !balanced.mirrors)
    #expect(thorough.passes == balanced.passes)
    #expect(thorough.networkPixels == 2 * balanced.networkPixels)
  }

  @Test func explicitMinimumFaceIsHonoured() {
    let plan = DetectionPlan(
      imageWidth: 3840, imageHeight: 2160, profile: Self.centerFace, preset: .balanced,
      minimumFace: 20)
    Self.expectCoherent(plan, minimumFace: 20, tileSize: 640)
    #expect(abs(plan.passes.last!.scale - 16.0 / 20) < 1e-9)
  }

  @Test func fixedSizeModelsRunOnTilesOfTheirInputSize() {
    let plan = DetectionPlan(
      imageWidth: 1920, imageHeight: 1080, profile: Self.blazeFace, preset: .balanced)
    #expect(plan.passes[0].tiles.count == 1)
    #expect(plan.passes.count > 2)
    for pass in plan.passes.dropFirst() {
      #expect(pass.tiles.allSatisfy { $0.width == 128 || $0.width == pass.width })
    }
    Self.expectCoherent(plan, minimumFace: 10.8, tileSize: 128)
  }

  @Test func spansAreEvenAndOverlapEnough() {
    let spans = DetectionPlan.spans(length: 2000, tile: 640, overlap: 100)
    #expect(spans.first!.start == 0)
    #expect(spans.last!.start + spans.last!.length == 2000)
    #expect(spans.allSatisfy { $0.length == 640 })
    for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.start + a.length - b.start >= 100) }
    #expect(DetectionPlan.spans(length: 500, tile: 640, overlap: 100).count == 1)
  }

  @Test func theWholeImagePassShrinksToTheChosenSideOnly() {
    let shrunk = DetectionPlan(
      imageWidth: 1024, imageHeight: 1536, profile: Self.centerFace, preset: .fast)
    #expect(shrunk.passes.map(\.height) == [1024])
    let ownSize = DetectionPlan(
      imageWidth: 1024, imageHeight: 1536, profile: Self.centerFace, preset: .fast,
      wholeImageSide: 100_000)
    #expect(ownSize.passes.count == 1)
    #expect(ownSize.passes[0].scale == 1 && ownSize.passes[0].height == 1536)
  }
}
