/// How a hidden face is drawn.
public enum RedactionStyle: Sendable, Equatable {
  /// An 8-bit RGB colour.
  public struct Color: Sendable, Equatable {
    /// Red.
    public var red: UInt8
    /// Green.
    public var green: UInt8
    /// Blue.
    public var blue: UInt8

    /// Creates a colour from its components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
      self.red = red
      self.green = green
      self.blue = blue
    }

    /// Black, the default fill.
    public static let black = Color(red: 0, green: 0, blue: 0)
    /// White.
    public static let white = Color(red: 255, green: 255, blue: 255)
  }

  /// A strong approximate Gaussian blur whose radius (two standard deviations) is 0.3 times the
  /// scaled face box's smaller side times the strength, at least 4 pixels, so only blobs of
  /// average colour remain.
  case blur
  /// A mosaic of block averages, blocks on a grid anchored at the scaled face box's top left
  /// corner, `pixelateBlocks / strength` blocks across the face width.
  case pixelate
  /// A fill with one colour.
  case solid(Color = .black)
}

/// The outline of the hidden region around each face.
public enum MaskShape: String, Sendable, Equatable, CaseIterable {
  /// An ellipse inscribed in the scaled face box. Where the corners of the unscaled face box reach
  /// beyond it, they are covered too.
  case ellipse
  /// The scaled face box itself.
  case box
}

/// Settings of the redaction stage.
public struct RedactionOptions: Sendable, Equatable {
  /// How a face is hidden.
  public var style: RedactionStyle
  /// The outline of the hidden region.
  public var shape: MaskShape
  /// Factor by which each face box is scaled about its centre so hair, ears and chin are covered.
  /// A value that is not a positive number counts as 1.
  public var maskScale: Double
  /// Multiplies the blur radius and the mosaic block size; larger hides more. A value that is not
  /// a positive number counts as 1.
  public var strength: Double
  /// Mosaic blocks across the face width at strength 1 (fewer blocks hide more); blocks are at
  /// least 2 pixels wide.
  public var pixelateBlocks: Int
  /// Width of the soft edge, a band just inside the mask's edge, as a fraction of the mask's
  /// smaller side (clamped to 0...0.5); 0 gives a hard edge. The unscaled face box is always fully
  /// covered, whatever the band.
  public var feather: Double
  /// Whether to outline each hidden region just outside its edge, in black or white (whichever
  /// contrasts with the redaction), 2 pixels wide or 1/400 of the image's smaller side.
  public var drawBoxes: Bool

  /// Creates redaction settings.
  public init(
    style: RedactionStyle = .blur, shape: MaskShape = .ellipse, maskScale: Double = 1.3,
    strength: Double = 1.0, pixelateBlocks: Int = 8, feather: Double = 0.1,
    drawBoxes: Bool = false
  ) {
    self.style = style
    self.shape = shape
    self.maskScale = maskScale
    self.strength = strength
    self.pixelateBlocks = pixelateBlocks
    self.feather = feather
    self.drawBoxes = drawBoxes
  }
}
