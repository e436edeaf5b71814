import FaceGuardCore

/// A face box as FaceGuard's JSON files and API write and read it: `{"x","y","w","h","score"}`
/// in pixels of the upright image, origin at the top left (the WIDER FACE predictions format).
public struct FaceBox: Sendable, Codable, Equatable {
  /// Left edge.
  public var x: Double
  /// Top edge.
  public var y: Double
  /// Width.
  public var w: Double
  /// Height.
  public var h: Double
  /// Detector confidence; absent for a box a person drew.
  public var score: Double?

  /// Creates a box.
  public init(x: Double, y: Double, w: Double, h: Double, score: Double? = nil) {
    self.x = x
    self.y = y
    self.w = w
    self.h = h
    self.score = score
  }

  /// The box of a face, rounded to 0.1 px and 5 decimals of score.
  public init(_ face: Face) {
    func round(_ value: Double, _ places: Double) -> Double {
      (value * places).rounded() / places
    }
    x = round(face.box.x, 10)
    y = round(face.box.y, 10)
    w = round(face.box.width, 10)
    h = round(face.box.height, 10)
    score = round(face.score, 100_000)
  }

  /// The box as a rectangle.
  public var rect: Rect { Rect(x: x, y: y, width: w, height: h) }

  /// Whether the box can be hidden: finite edges and a positive size.
  public var isValidRegion: Bool {
    [x, y, w, h].allSatisfy(\.isFinite) && w > 0 && h > 0
  }
}
