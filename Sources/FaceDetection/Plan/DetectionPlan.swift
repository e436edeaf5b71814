import FaceGuardCore
import Foundation

/// One resolution at which the detector looks at the image.
public struct DetectionPass: Sendable, Equatable {
  /// Network pixels per image pixel (below 1 shrinks, above 1 enlarges).
  public var scale: Double
  /// Width of the image at this scale.
  public var width: Int
  /// Height of the image at this scale.
  public var height: Int
  /// The regions the detector runs on, in pixels of the scaled image; neighbours overlap.
  public var tiles: [PixelRect]
  /// The face heights, in image pixels, this pass is responsible for.
  public var faceRange: ClosedRange<Double>
}

/// Which passes find the faces of an image: a whole-image pass (shrunk when large) for large
/// faces, and overlapping tiles at the resolution small faces need.
///
/// Each pass covers a band of face sizes; consecutive bands meet, so every face from the minimum
/// size up is some pass's responsibility. Tiles overlap by at least the largest face their pass is
/// responsible for, so each such face lies whole inside one tile. A network of one fixed input
/// size runs on tiles of that size; one that accepts any size gets the grid of equal tiles (sides
/// multiples of 32, none longer than its tile size) that covers the pass in the fewest network
/// pixels per worker, so little is computed twice or over padding.
public struct DetectionPlan: Sendable, Equatable {
  /// The passes, whole image first.
  public var passes: [DetectionPass]
  /// Whether every pass also runs on the mirrored image.
  public var mirrors: Bool

  /// Plans the passes for an image.
  ///
  /// - Parameters:
  ///   - imageWidth: upright width in pixels.
  ///   - imageHeight: upright height in pixels.
  ///   - profile: what the detector finds reliably.
  ///   - preset: how hard to look.
  ///   - minimumFace: the smallest face height (image pixels) to cover; `nil` uses the preset's.
  ///   - wholeImageSide: the long side the whole-image pass of a detector that accepts any size
  ///     is shrunk to (it is never enlarged).
  ///   - workers: how many tiles run side by side, which the grid of fitted tiles is balanced
  ///     for.
  public init(
    imageWidth: Int, imageHeight: Int, profile: DetectorProfile, preset: DetectionPreset,
    minimumFace: Double? = nil, wholeImageSide: Int = DetectionPreset.wholeImageSide,
    workers: Int = 1
  ) {
    mirrors = preset.mirrors
    let longSide = Double(max(imageWidth, imageHeight))
    let wholeSide =
      profile.acceptsAnySize ? Double(wholeImageSide) : Double(profile.tileSize)
    let wholeScale = min(1, wholeSide / longSide)
    var upper = profile.smallestFace / wholeScale
    let whole = Self.pass(
      imageWidth: imageWidth, imageHeight: imageHeight, scale: wholeScale,
      tiling: profile.acceptsAnySize ? .whole : .fixed(profile.tileSize), overlap: 0,
      faceRange: upper...Double.infinity)
    passes = [whole]
    guard
      let minimum = minimumFace
        ?? preset.defaultMinimumFace(imageWidth: imageWidth, imageHeight: imageHeight),
      minimum > 0
    else { return }
    while upper > minimum * 1.001 {
      var scale = min(profile.smallestFace / minimum, preset.maximumUpscale)
      if profile.largestTileFace / scale < upper {
        scale = profile.largestTileFace / upper
      }
      let lower = profile.smallestFace / scale
      let overlap = min(Int((upper * scale).rounded(.up)) + 8, profile.tileSize / 2)
      let tiling =
        profile.acceptsAnySize
        ? Tiling.fitted(largest: profile.tileSize, workers: max(workers, 1))
        : .fixed(profile.tileSize)
      passes.append(
        Self.pass(
          imageWidth: imageWidth, imageHeight: imageHeight, scale: scale, tiling: tiling,
          overlap: overlap, faceRange: lower...upper))
      if scale >= preset.maximumUpscale { break }
      upper = lower
    }
  }

  /// The total number of network pixels the plan runs, mirrored passes included.
  public var networkPixels: Int {
    passes.reduce(0) { $0 + $1.tiles.reduce(0) { $0 + $1.width * $1.height } } * (mirrors ? 2 : 1)
  }

  /// How a pass is cut into tiles.
  enum Tiling {
    /// One region: the whole scaled image.
    case whole
    /// Square tiles of the network's one input size.
    case fixed(Int)
    /// Equal tiles no longer than `largest` on a side, fitted to the pass for `workers` running
    /// side by side.
    case fitted(largest: Int, workers: Int)
  }

  /// Tile sides of fitted tiles are multiples of this, the input multiple of the detectors
  /// that accept any size, so no network pixel is padding.
  static let tileMultiple = 32

  private static func pass(
    imageWidth: Int, imageHeight: Int, scale: Double, tiling: Tiling, overlap: Int,
    faceRange: ClosedRange<Double>
  ) -> DetectionPass {
    let width = max(Int((Double(imageWidth) * scale).rounded()), 1)
    let height = max(Int((Double(imageHeight) * scale).rounded()), 1)
    let columns: [(start: Int, length: Int)]
    let rows: [(start: Int, length: Int)]
    switch tiling {
    case .whole:
      columns = [(0, width)]
      rows = [(0, height)]
    case .fixed(let tile):
      columns = spans(length: width, tile: tile, overlap: overlap)
      rows = spans(length: height, tile: tile, overlap: overlap)
    case .fitted(let largest, let workers):
      let grid = fittedGrid(
        width: width, height: height, largest: largest, overlap: overlap, workers: workers)
      columns = fittedSpans(length: width, count: grid.columns, overlap: overlap)
      rows = fittedSpans(length: height, count: grid.rows, overlap: overlap)
    }
    let tiles = rows.flatMap { row in
      columns.map { column in
        PixelRect(x: column.start, y: row.start, width: column.length, height: row.length)
      }
    }
    return DetectionPass(
      scale: scale, width: width, height: height, tiles: tiles, faceRange: faceRange)
  }

  /// The number of columns and rows of fitted tiles that covers a pass in the least time:
  /// network pixels (padding to the input multiple included) in the rounds `workers` need for
  /// the tiles, a single tile using every worker; fewer tiles on a tie.
  static func fittedGrid(width: Int, height: Int, largest: Int, overlap: Int, workers: Int)
    -> (columns: Int, rows: Int)
  {
    func counts(_ length: Int) -> [Int] {
      let most = max(Int((Double(length) / Double(max(largest - overlap, 1))).rounded(.up)) + 1, 1)
      return (1...most).filter {
        fittedSide(length: length, count: $0, overlap: overlap) <= largest
      }
    }
    var best: (columns: Int, rows: Int, cost: Int)?
    for columns in counts(width) {
      for rows in counts(height) {
        let tiles = columns * rows
        let pixels =
          padded(fittedSide(length: width, count: columns, overlap: overlap))
          * padded(fittedSide(length: height, count: rows, overlap: overlap))
        let rounds = tiles == 1 ? 1 : (tiles + workers - 1) / workers
        let cost = tiles == 1 ? pixels : rounds * workers * pixels
        if best.map({ cost < $0.cost || (cost == $0.cost && tiles < $0.columns * $0.rows) })
          ?? true
        {
          best = (columns, rows, cost)
        }
      }
    }
    return best.map { ($0.columns, $0.rows) } ?? (1, 1)
  }

  /// The side of each of `count` equal tiles sharing `overlap` that cover `length`: a multiple of
  /// ``tileMultiple`` unless one tile covers all.
  static func fittedSide(length: Int, count: Int, overlap: Int) -> Int {
    guard count > 1 else { return length }
    let exact = (length + (count - 1) * overlap + count - 1) / count
    return min(padded(exact), length)
  }

  /// `length` rounded up to the input multiple.
  private static func padded(_ length: Int) -> Int {
    (length + tileMultiple - 1) / tileMultiple * tileMultiple
  }

  /// `count` equal windows covering `length` with at least `overlap` shared, evenly spread.
  static func fittedSpans(length: Int, count: Int, overlap: Int) -> [(start: Int, length: Int)] {
    let side = fittedSide(length: length, count: count, overlap: overlap)
    guard count > 1, side < length else { return [(0, length)] }
    return (0..<count).map { index in ((length - side) * index / (count - 1), side) }
  }

  /// Evenly spread windows of `tile` pixels covering `length` with at least `overlap` shared.
  static func spans(length: Int, tile: Int, overlap: Int) -> [(start: Int, length: Int)] {
    guard length > tile else { return [(0, length)] }
    let step = max(tile - overlap, 1)
    let count = Int((Double(length - overlap) / Double(step)).rounded(.up))
    guard count > 1 else { return [(0, length)] }
    return (0..<count).map { index in
      ((length - tile) * index / (count - 1), tile)
    }
  }
}
