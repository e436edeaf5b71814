import Testing

@testable import FaceDetection

@Suite struct DetectionPlanTests {
  static let centerFace = DetectorProfile(
    tileSize: 1024, smallestFace: 16, largestTileFace: 160, acceptsAnySize: true)
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
        let needed = min(largestFace, Double(tileSize / 2))
        let columns = pass.tiles.filter { $0.y == 0 }.sorted { $0.x < $1.x }
        for (left, right) in zip(columns, columns.dropFirst()) {
          #expect(Double(left.x + left.width - right.x) >= needed)
        }
        let rows = pass.tiles.filter { $0.x == 0 }.sorted { $0.y < $1.y }
        for (upper, lower) in zip(rows, rows.dropFirst()) {
          #expect(Double(upper.y + upper.height - lower.y) >= needed)
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

  @Test(arguments: [(1024, 768), (1920, 1080), (3840, 2160), (4032, 3024), (600, 400), (768, 1024)])
  func balancedCoversDownToOnePercentOfTheLongSideFromTenToTwentyPixels(width: Int, height: Int) {
    let plan = DetectionPlan(
      imageWidth: width, imageHeight: height, profile: Self.centerFace, preset: .balanced,
      workers: 2)
    let minimum = min(max(10, Double(max(width, height)) / 100), 20)
    Self.expectCoherent(plan, minimumFace: minimum, tileSize: 1024)
    #expect(plan.passes.allSatisfy { $0.scale <= 2 })
  }

  @Test(arguments: [(1920, 1080), (3840, 2160), (4032, 3024), (7680, 4320)])
  func everyFaceFromTwentyPixelsIsCoveredByDefault(width: Int, height: Int) {
    let plan = DetectionPlan(
      imageWidth: width, imageHeight: height, profile: Self.centerFace, preset: .balanced)
    #expect(plan.passes.last!.faceRange.lowerBound <= 20)
    #expect(plan.passes.last!.scale >= 16.0 / 20 - 1e-9)
  }

  /// Fitted tiles: sides multiples of 32 where the pass needs several, as many tiles as the two
  /// workers share evenly, and little computed twice: at 4K the tile pass runs at most 15 %
  /// more network pixels than its scaled image has (640-pixel squares needed 34 % more).
  @Test(arguments: [(1920, 1080), (3840, 2160), (4032, 3024), (1024, 768)])
  func fittedTilesWasteLittle(width: Int, height: Int) {
    let plan = DetectionPlan(
      imageWidth: width, imageHeight: height, profile: Self.centerFace, preset: .balanced,
      workers: 2)
    for pass in plan.passes.dropFirst() {
      let columns = Set(pass.tiles.map(\.x)).count
      let rows = Set(pass.tiles.map(\.y)).count
      if columns > 1 { #expect(pass.tiles.allSatisfy { $0.width % 32 == 0 }) }
      if rows > 1 { #expect(pass.tiles.allSatisfy { $0.height % 32 == 0 }) }
      #expect(pass.tiles.count % 2 == 0)
      let padded = pass.tiles.reduce(0) { total, tile in
        total + (tile.width + 31) / 32 * 32 * ((tile.height + 31) / 32 * 32)
      }
      #expect(Double(padded) <= 1.15 * Double(pass.width * pass.height), "\(pass)")
    }
  }

  @Test func fittedGridPrefersFewerRoundsOverFewerPixels() {
    #expect(
      DetectionPlan.fittedGrid(width: 1600, height: 900, largest: 1024, overlap: 33, workers: 2)
        == (2, 1))
    #expect(
      DetectionPlan.fittedGrid(width: 900, height: 700, largest: 1024, overlap: 33, workers: 2)
        == (1, 1))
    let spans = DetectionPlan.fittedSpans(length: 3072, count: 4, overlap: 56)
    #expect(spans.map(\.start) == [0, 746, 1493, 2240])
    #expect(spans.allSatisfy { $0.length == 832 })
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
    Self.expectCoherent(plan, minimumFace: 20, tileSize: 1024)
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
    Self.expectCoherent(plan, minimumFace: 19.2, tileSize: 128)
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
