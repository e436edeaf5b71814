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
    /// The faces found (in a photo).
    public var faces: [FaceBox]
    /// Milliseconds per stage (of a photo).
    public var timingsMilliseconds: StageTimings?
    /// What was done to a video.
    public var video: VideoEntry?
    /// `true` when the output was already there from an earlier run and was left as it was
    /// (`--skip-existing`); absent otherwise.
    public var skipped: Bool?

    enum CodingKeys: String, CodingKey {
      case file, output, error, width, height, faces, video, skipped
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

    /// A video that succeeded.
    public init(file: String, output: String?, video result: VideoResult) {
      self.file = file
      self.output = output
      self.width = result.properties.uprightWidth
      self.height = result.properties.uprightHeight
      self.faces = []
      self.video = VideoEntry(result)
    }

    /// A file left alone because an earlier run wrote its `output`.
    public init(file: String, skippedOutput output: String?) {
      self.file = file
      self.output = output
      self.faces = []
      self.skipped = true
    }

    /// A file that failed.
    public init(file: String, error: String) {
      self.file = file
      self.error = error
      self.faces = []
    }
  }

  /// What was done to one video.
  public struct VideoEntry: Sendable, Codable, Equatable {
    /// Frames in the video.
    public var frames: Int
    /// Frames the detector ran on.
    public var analysedFrames: Int
    /// Faces followed through the video.
    public var tracks: Int
    /// Frames in which something was hidden.
    public var redactedFrames: Int
    /// The codec of the video written.
    public var codec: String?
    /// Milliseconds spent finding and following faces.
    public var analyseMilliseconds: Double
    /// Milliseconds spent writing the anonymized copy.
    public var renderMilliseconds: Double

    enum CodingKeys: String, CodingKey {
      case frames, tracks, codec
      case analysedFrames = "analysed_frames"
      case redactedFrames = "redacted_frames"
      case analyseMilliseconds = "analyse_ms"
      case renderMilliseconds = "render_ms"
    }

    /// The entry of a video's result.
    public init(_ result: VideoResult) {
      frames = result.frames
      analysedFrames = result.analysedFrames
      tracks = result.tracks.count
      redactedFrames = result.redactedFrames
      codec = result.codec?.rawValue
      analyseMilliseconds = (result.analyseMilliseconds * 10).rounded() / 10
      renderMilliseconds = (result.renderMilliseconds * 10).rounded() / 10
    }
  }

  /// Totals over the run.
  public struct Summary: Sendable, Codable, Equatable {
    /// Input files attempted.
    public var files: Int
    /// Faces found in all photos, plus faces followed in all videos.
    public var faces: Int
    /// Files that failed.
    public var failures: Int
    /// Files left alone because an earlier run had written their output.
    public var skipped: Int
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
      files: files.count, faces: files.reduce(0) { $0 + $1.faces.count + ($1.video?.tracks ?? 0) },
      failures: files.filter { $0.error != nil }.count,
      skipped: files.filter { $0.skipped == true }.count)
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
