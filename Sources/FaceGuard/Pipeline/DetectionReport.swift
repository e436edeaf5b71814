import Foundation

/// The predictions file `faceguard detect --json-out` writes: exactly the format of the WIDER FACE
/// scorer, `{"images":[{"file": ..., "faces":[{"x","y","w","h","score"}]}]}`.
public struct DetectionReport: Sendable, Codable, Equatable {
  /// One image's faces.
  public struct Entry: Sendable, Codable, Equatable {
    /// The path as given on the command line or found in a folder.
    public var file: String
    /// The faces, boxes in pixels of the upright image.
    public var faces: [Box]

    /// Creates an entry.
    public init(file: String, faces: [Box]) {
      self.file = file
      self.faces = faces
    }
  }

  /// A face box with its score.
  public struct Box: Sendable, Codable, Equatable {
    /// Left edge.
    public var x: Double
    /// Top edge.
    public var y: Double
    /// Width.
    public var w: Double
    /// Height.
    public var h: Double
    /// Confidence.
    public var score: Double

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
  }

  /// The images, in processing order.
  public var images: [Entry]

  /// Creates a report.
  public init(images: [Entry] = []) {
    self.images = images
  }

  /// The report as pretty JSON bytes.
  public func encoded() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return Array(try encoder.encode(self))
  }
}
