import FaceGuardCore
import Foundation

/// One line of the audit log (`--audit FILE`, JSON Lines): what was done to one file or one API
/// request, when, with which settings and model files, and the SHA-256 of what went in and came
/// out, so anyone can later prove that an output is the one FaceGuard wrote (`faceguard verify`).
///
/// A line holds names, numbers, paths and hashes only: never image content, face crops or
/// metadata values.
public struct AuditRecord: Sendable, Codable, Equatable {
  /// Whether the file was processed.
  public enum Status: String, Sendable, Codable, Equatable {
    /// Processed; its output (if any) is described.
    case ok
    /// Not processed; ``AuditRecord/error`` says why and no output was written.
    case failed
  }

  /// The appearance of the hidden faces.
  public struct Style: Sendable, Codable, Equatable {
    /// `blur`, `pixelate`, `solid` or `none` (nothing hidden, nothing written).
    public var mode: String
    /// `ellipse` or `box`.
    public var shape: String?
    /// Blur radius and mosaic block multiplier.
    public var strength: Double?
    /// The factor face boxes were enlarged by.
    public var maskScale: Double?
    /// The soft edge as a fraction of the region.
    public var feather: Double?
    /// Whether hidden regions were outlined.
    public var drawBoxes: Bool?
    /// The fill colour of `solid`, `RRGGBB`.
    public var color: String?
    /// Mosaic blocks across a face, for `pixelate`.
    public var blocks: Int?

    enum CodingKeys: String, CodingKey {
      case mode, shape, strength, feather, color, blocks
      case maskScale = "mask_scale"
      case drawBoxes = "draw_boxes"
    }

    /// Creates a style.
    public init(
      mode: String, shape: String? = nil, strength: Double? = nil, maskScale: Double? = nil,
      feather: Double? = nil, drawBoxes: Bool? = nil, color: String? = nil, blocks: Int? = nil
    ) {
      self.mode = mode
      self.shape = shape
      self.strength = strength
      self.maskScale = maskScale
      self.feather = feather
      self.drawBoxes = drawBoxes
      self.color = color
      self.blocks = blocks
    }
  }

  /// Regions a person chose instead of the detector's.
  public struct Review: Sendable, Codable, Equatable {
    /// Where they came from: `tracks file` (`--tracks`) or `boxes` (the API's `boxes` field, which
    /// the web page fills after its review).
    public var source: String
    /// Regions hidden: tracks of a tracks file, boxes of a request.
    public var regions: Int
    /// Regions the person added to the detector's, as the client reported them.
    public var added: Int?
    /// Detected faces the person chose to show, as the client reported them.
    public var removed: Int?
    /// The tracks file.
    public var file: String?
    /// The tracks file's SHA-256.
    public var fileSHA256: String?

    enum CodingKeys: String, CodingKey {
      case source, regions, added, removed, file
      case fileSHA256 = "file_sha256"
    }

    /// Creates a review.
    public init(
      source: String, regions: Int, added: Int? = nil, removed: Int? = nil, file: String? = nil,
      fileSHA256: String? = nil
    ) {
      self.source = source
      self.regions = regions
      self.added = added
      self.removed = removed
      self.file = file
      self.fileSHA256 = fileSHA256
    }
  }

  /// A model file the detector read.
  public struct ModelFile: Sendable, Codable, Equatable {
    /// Its name in the models folder.
    public var file: String
    /// Its SHA-256.
    public var sha256: String

    /// Creates a model file entry.
    public init(file: String, sha256: String) {
      self.file = file
      self.sha256 = sha256
    }
  }

  /// When the line was written: ISO 8601, UTC, milliseconds (`2025-03-01T09:30:12.345Z`).
  public var time: String
  /// Whether the file was processed.
  public var status: Status
  /// The API request (`POST /api/v1/anonymize`); `nil` on the command line.
  public var request: String?
  /// The address of the API client (`192.0.2.7:51234`); `nil` on the command line.
  public var client: String?
  /// The input's path as given or found (absent for an API upload, which has none).
  public var input: String?
  /// The input's SHA-256.
  public var inputSHA256: String?
  /// The input's size in bytes.
  public var inputBytes: Int?
  /// Where the output was written (absolute); `nil` when none was (report only, failure, API).
  public var output: String?
  /// The output's SHA-256 (also for an API answer).
  public var outputSHA256: String?
  /// The output's size in bytes.
  public var outputBytes: Int?
  /// The models, joined by `+` (`centerface+retinaface`).
  public var detector: String
  /// `fast`, `balanced` or `thorough`.
  public var preset: String
  /// `int8` or `fp32`.
  public var precision: String
  /// The minimum face confidence.
  public var threshold: Double
  /// How faces were hidden.
  public var style: Style
  /// Faces hidden in a photo, or faces followed and hidden through a video.
  public var facesHidden: Int?
  /// Faces found when nothing was hidden (report only, `POST /api/v1/detect`).
  public var facesFound: Int?
  /// Frames of a video.
  public var frames: Int?
  /// Frames of a video in which something was hidden.
  public var maskedFrames: Int?
  /// Regions a person chose, when they replaced the detector's.
  public var review: Review?
  /// The names of the metadata the output does not carry (`GPS`, `EXIF thumbnail`).
  public var metadataRemoved: [String]?
  /// The watermark stamped on the output.
  public var watermark: String?
  /// The model files the detector read, with their hashes.
  public var models: [ModelFile]
  /// The FaceGuard version that wrote the line.
  public var faceguardVersion: String
  /// Why the file failed.
  public var error: String?

  enum CodingKeys: String, CodingKey {
    case time, status, request, client, input, output, detector, preset, precision, threshold
    case style, frames, review, watermark, models, error
    case inputSHA256 = "input_sha256"
    case inputBytes = "input_bytes"
    case outputSHA256 = "output_sha256"
    case outputBytes = "output_bytes"
    case facesHidden = "faces_hidden"
    case facesFound = "faces_found"
    case maskedFrames = "masked_frames"
    case metadataRemoved = "metadata_removed"
    case faceguardVersion = "faceguard_version"
  }

  /// A line of `settings` for a file or request; the rest is filled in by the caller.
  public init(settings: AuditSettings, time: Date = Date(), status: Status = .ok) {
    self.time = Self.timestamp(time)
    self.status = status
    detector = settings.detector
    preset = settings.preset
    precision = settings.precision
    threshold = settings.threshold
    style = settings.style
    watermark = settings.watermark
    models = settings.models
    faceguardVersion = settings.version
  }

  /// The input's digest.
  public var inputDigest: FileDigest? {
    get { inputSHA256.map { FileDigest(sha256: $0, bytes: inputBytes ?? 0) } }
    set {
      inputSHA256 = newValue?.sha256
      inputBytes = newValue?.bytes
    }
  }

  /// The output's digest.
  public var outputDigest: FileDigest? {
    get { outputSHA256.map { FileDigest(sha256: $0, bytes: outputBytes ?? 0) } }
    set {
      outputSHA256 = newValue?.sha256
      outputBytes = newValue?.bytes
    }
  }

  /// The record as one line of JSON, keys sorted, ending in a newline.
  public func line() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
  }

  /// `date` as ISO 8601 in UTC with milliseconds.
  static func timestamp(_ date: Date) -> String {
    date.formatted(
      Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
  }
}
