/// The face sizes a detector finds reliably at its own resolution, which the ``DetectionPlan``
/// uses to choose scales and tiles.
public struct DetectorProfile: Sendable, Equatable {
  /// Side of the square tiles it runs on, in network pixels.
  public var tileSize: Int
  /// The smallest face height, in network pixels, it finds reliably.
  public var smallestFace: Double
  /// The largest face height, in network pixels, a tile pass is made responsible for; tiles
  /// overlap by at least this much so such a face lies whole inside one tile.
  public var largestTileFace: Double
  /// Whether the network accepts any input size (fully convolutional) rather than one fixed size.
  public var acceptsAnySize: Bool

  /// Creates a profile.
  public init(tileSize: Int, smallestFace: Double, largestTileFace: Double, acceptsAnySize: Bool) {
    self.tileSize = tileSize
    self.smallestFace = smallestFace
    self.largestTileFace = largestTileFace
    self.acceptsAnySize = acceptsAnySize
  }
}
