import FaceGuard
import Foundation

/// The per-file JSON report of an anonymize run (`faceguard --report FILE`).
public struct AnonymizeReport: Sendable, Codable, Equatable {
  /// One input file's outcome.
  public struct FileEntry: Sendable, Codable, Equatable {
    /// The input path.
    public var file: String
    /// The output path, `null` in report-only mode or on failure.
    public var output: String?
    /// Why the file failed, `null` when it succeeded.
    public var error: String?
    /// Upright width in pixels.
    public var width: Int?
    /// Upright height in pixels.
    public var height: Int?
    /// The faces found.
    public var faces: [FaceBox]
    /// Milliseconds per stage.
    public var timingsMilliseconds: StageTimings?

    enum CodingKeys: String, CodingKey {
      case file, output, error, width, height, faces
      case timingsMilliseconds = "timings_ms"
    }

    /// A file that succeeded.
    public init(file: String, output: String?, result: PhotoResult) {
      self.file = file
      self.output = output
      self.width = result.width
      self.height = result.height
      self.faces = result.faces.map(FaceBox.init)
      self.timingsMilliseconds = result.timings
    }

    /// A file that failed.
    public init(file: String, error: String) {
      self.file = file
      self.error = error
      self.faces = []
    }
  }

  /// Totals over the run.
  public struct Summary: Sendable, Codable, Equatable {
    /// Input files attempted.
    public var files: Int
    /// Faces found in all files.
    public var faces: Int
    /// Files that failed.
    public var failures: Int
  }

  /// Every file, in input order.
  public var files: [FileEntry]

  /// Creates a report.
  public init(files: [FileEntry]) {
    self.files = files
  }

  /// Totals over ``files``.
  public var summary: Summary {
    Summary(
      files: files.count, faces: files.reduce(0) { $0 + $1.faces.count },
      failures: files.filter { $0.error != nil }.count)
  }

  /// The report as JSON bytes: `{"files": [...], "summary": {...}}`.
  public func encoded() throws -> [UInt8] {
    struct Document: Encodable {
      var files: [FileEntry]
      var summary: Summary
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return Array(try encoder.encode(Document(files: files, summary: summary)))
  }
}
