/// A detected face.
public struct Face: Sendable, Equatable, Codable {
  /// The face box in pixels of the upright image.
  public var box: Rect
  /// Detector confidence in 0...1.
  public var score: Double
  /// Facial landmarks (eyes, nose, mouth corners) when the detector gives them.
  public var landmarks: [Point]

  /// Creates a face.
  public init(box: Rect, score: Double, landmarks: [Point] = []) {
    self.box = box
    self.score = score
    self.landmarks = landmarks
  }
}

extension Face {
  /// The face moved by (`x`, `y`) pixels.
  public func offset(x: Double, y: Double) -> Face {
    Face(
      box: Rect(x: box.x + x, y: box.y + y, width: box.width, height: box.height), score: score,
      landmarks: landmarks.map { Point(x: $0.x + x, y: $0.y + y) })
  }

  /// The face with every coordinate multiplied by `factor`.
  public func scaled(by factor: Double) -> Face {
    Face(
      box: Rect(
        x: box.x * factor, y: box.y * factor, width: box.width * factor,
        height: box.height * factor), score: score,
      landmarks: landmarks.map { Point(x: $0.x * factor, y: $0.y * factor) })
  }

  /// The face as seen in the horizontally mirrored image of the given width.
  public func mirrored(width: Double) -> Face {
    Face(
      box: Rect(x: width - box.maxX, y: box.y, width: box.width, height: box.height),
      score: score, landmarks: landmarks.map { Point(x: width - $0.x, y: $0.y) })
  }
}
