/// The face sizes a detector finds reliably at its own resolution, which the ``DetectionPlan``
/// uses to choose scales and tiles.
public struct DetectorProfile: Sendable, Equatable {
  /// Side of the square tiles a network of one fixed input size runs on; for a network that
  /// accepts any size, the longest side of the tiles fitted to an image. In network pixels.
  public var tileSize: Int
  /// The smallest face height, in network pixels, it finds reliably.
  public var smallestFace: Double
  /// The largest face height, in network pixels, a tile pass is made responsible for; tiles
  /// overlap by at least this much so such a face lies whole inside one tile.
  public var largestTileFace: Double
  /// Whether the network accepts any input size (fully convolutional) rather than one fixed size.
  public var acceptsAnySize: Bool
  /// The overlap above which two of its boxes are one face: its own non-maximum suppression
  /// threshold, which sightings of several views are merged at too, so that one view alone is
  /// not suppressed further than the detector does.
  public var mergeThreshold: Double

  /// Creates a profile.
  public init(
    tileSize: Int, smallestFace: Double, largestTileFace: Double, acceptsAnySize: Bool,
    mergeThreshold: Double = 0.3
  ) {
    self.tileSize = tileSize
    self.smallestFace = smallestFace
    self.largestTileFace = largestTileFace
    self.acceptsAnySize = acceptsAnySize
    self.mergeThreshold = mergeThreshold
  }
}
