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

  /// A strong approximate Gaussian blur whose radius grows with the face size.
  case blur
  /// A mosaic of block averages.
  case pixelate
  /// A fill with one colour.
  case solid(Color = .black)
}

/// The outline of the hidden region around each face.
public enum MaskShape: Sendable, Equatable {
  /// An ellipse inscribed in the scaled face box.
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
  public var maskScale: Double
  /// Multiplies the blur radius and the mosaic block size; larger hides more.
  public var strength: Double
  /// Mosaic blocks across the face width at strength 1 (fewer blocks hide more).
  public var pixelateBlocks: Int
  /// Width of the soft edge as a fraction of the mask's smaller side; 0 gives a hard edge.
  public var feather: Double
  /// Whether to outline each hidden region just outside its edge.
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
