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
/// faces, and overlapping fixed-size tiles at the resolution small faces need.
///
/// Each pass covers a band of face sizes; consecutive bands meet, so every face from the minimum
/// size up is some pass's responsibility. Tiles overlap by at least the largest face their pass is
/// responsible for, so each such face lies whole inside one tile.
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
  public init(
    imageWidth: Int, imageHeight: Int, profile: DetectorProfile, preset: DetectionPreset,
    minimumFace: Double? = nil, wholeImageSide: Int = DetectionPreset.wholeImageSide
  ) {
    mirrors = preset.mirrors
    let longSide = Double(max(imageWidth, imageHeight))
    let wholeSide =
      profile.acceptsAnySize ? Double(wholeImageSide) : Double(profile.tileSize)
    let wholeScale = min(1, wholeSide / longSide)
    var upper = profile.smallestFace / wholeScale
    let whole = Self.pass(
      imageWidth: imageWidth, imageHeight: imageHeight, scale: wholeScale,
      tileSize: profile.acceptsAnySize ? nil : profile.tileSize, overlap: 0,
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
      passes.append(
        Self.pass(
          imageWidth: imageWidth, imageHeight: imageHeight, scale: scale,
          tileSize: profile.tileSize, overlap: overlap, faceRange: lower...upper))
      if scale >= preset.maximumUpscale { break }
      upper = lower
    }
  }

  /// The total number of network pixels the plan runs, mirrored passes included.
  public var networkPixels: Int {
    passes.reduce(0) { $0 + $1.tiles.reduce(0) { $0 + $1.width * $1.height } } * (mirrors ? 2 : 1)
  }

  private static func pass(
    imageWidth: Int, imageHeight: Int, scale: Double, tileSize: Int?, overlap: Int,
    faceRange: ClosedRange<Double>
  ) -> DetectionPass {
    let width = max(Int((Double(imageWidth) * scale).rounded()), 1)
    let height = max(Int((Double(imageHeight) * scale).rounded()), 1)
    guard let tileSize else {
      return DetectionPass(
        scale: scale, width: width, height: height,
        tiles: [PixelRect(x: 0, y: 0, width: width, height: height)], faceRange: faceRange)
    }
    let columns = spans(length: width, tile: tileSize, overlap: overlap)
    let rows = spans(length: height, tile: tileSize, overlap: overlap)
    let tiles = rows.flatMap { row in
      columns.map { column in
        PixelRect(x: column.start, y: row.start, width: column.length, height: row.length)
      }
    }
    return DetectionPass(
      scale: scale, width: width, height: height, tiles: tiles, faceRange: faceRange)
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
