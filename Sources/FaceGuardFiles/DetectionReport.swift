import FaceGuard
import Foundation

/// The predictions file `faceguard detect --json-out` writes: exactly the format of the WIDER FACE
/// scorer, `{"images":[{"file": ..., "faces":[{"x","y","w","h","score"}]}]}`.
public struct DetectionReport: Sendable, Codable, Equatable {
  /// One image's faces.
  public struct Entry: Sendable, Codable, Equatable {
    /// The path as given on the command line or found in a folder.
    public var file: String
    /// The faces, boxes in pixels of the upright image.
    public var faces: [FaceBox]

    /// Creates an entry.
    public init(file: String, faces: [FaceBox]) {
      self.file = file
      self.faces = faces
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
