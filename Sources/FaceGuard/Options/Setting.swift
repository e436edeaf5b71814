import FaceDetection
import FaceRedaction
import ImageCodecs
import VideoCodecs
import Watermarking

/// Every setting a person can choose, named, documented and bounded once for every front end:
/// the command line spells a setting `--mask-scale`, the HTTP API `mask_scale`, and both show the
/// same help and refuse the same values with the same message.
public enum Setting: String, Sendable, Equatable, CaseIterable {
  /// How faces are hidden (``RedactionMode``).
  case mode
  /// The outline of each hidden region (``FaceRedaction/MaskShape``).
  case shape
  /// The fill colour of `solid` mode.
  case color
  /// Blur radius and mosaic block size multiplier.
  case strength
  /// Mosaic blocks across a face in `pixelate` mode.
  case blocks
  /// The factor face boxes are enlarged by.
  case maskScale = "mask-scale"
  /// The soft edge of each region.
  case feather
  /// Whether each hidden region is outlined.
  case drawBoxes = "draw-boxes"
  /// Whether a safe subset of EXIF is kept.
  case keepMetadata = "keep-metadata"
  /// The output image format.
  case format
  /// JPEG and WebP quality.
  case quality
  /// The minimum face confidence.
  case threshold
  /// The text stamped on every anonymized image.
  case watermark
  /// The corner the watermark goes in.
  case watermarkCorner = "watermark-corner"
  /// The face detection model.
  case model
  /// How hard to look for faces.
  case preset
  /// The smallest face height the search covers.
  case minimumFace = "min-face"
  /// The long side the whole-image pass is shrunk to.
  case wholeImageSide = "whole-side"
  /// Inference threads.
  case threads
  /// The number format the detectors compute in.
  case precision
  /// The largest accepted image, in pixels.
  case maxPixels = "max-pixels"
  /// Photos processed at once.
  case jobs
  /// The codec a video is re-encoded with.
  case videoCodec = "video-codec"
  /// The constant-quality level of a re-encoded video.
  case crf
  /// Whether a video's audio is dropped.
  case noAudio = "no-audio"
  /// How often detection runs on a video's frames.
  case detectEvery = "detect-every"

  /// The name on the command line, `--mask-scale`.
  public var commandLineName: String { "--" + rawValue }

  /// The name in the HTTP API's query and form fields, `mask_scale`.
  public var apiName: String { rawValue.replacing("-", with: "_") }

  /// The values the setting accepts.
  public var values: SettingValues {
    switch self {
    case .mode: .choice(RedactionMode.allCases.map(\.rawValue))
    case .shape: .choice(MaskShape.allCases.map(\.rawValue))
    case .color: .color
    case .strength: .number(0.1...10)
    case .blocks: .wholeNumber(2...Int.max)
    case .maskScale: .number(1...4)
    case .feather: .number(0...0.5)
    case .drawBoxes, .keepMetadata: .flag
    case .format: .choice(ImageFormat.writable.map(\.rawValue))
    case .quality: .wholeNumber(1...100)
    case .threshold: .number(0...1)
    case .watermark: .text(maximumLength: Watermark.maximumLength)
    case .watermarkCorner: .choice(WatermarkCorner.allCases.map(\.rawValue))
    case .model: .choice(FaceModel.allCases.map(\.rawValue))
    case .preset: .choice(DetectionPreset.allCases.map(\.rawValue))
    case .precision: .choice(Precision.allCases.map(\.rawValue))
    case .minimumFace: .number(4...Double.infinity)
    case .wholeImageSide: .wholeNumber(32...Int.max)
    case .threads, .maxPixels, .jobs: .wholeNumber(1...Int.max)
    case .videoCodec: .choice(VideoCodec.allCases.map(\.rawValue))
    case .crf: .wholeNumber(0...63)
    case .noAudio: .flag
    case .detectEvery: .wholeNumber(1...30)
    }
  }

  /// One or two sentences for help screens and API documentation.
  public var help: String {
    switch self {
    case .mode:
      "How faces are hidden: blur (the radius grows with the face), pixelate, solid (one colour), "
        + "or none (hide nothing, write no image, only report the faces)."
    case .shape: "Shape of each hidden region: ellipse or box."
    case .color: "Colour for mode solid, as RRGGBB hex."
    case .strength: "Blur radius / mosaic block size multiplier (1 = default strength)."
    case .blocks: "Mosaic blocks across a face for mode pixelate (fewer is stronger)."
    case .maskScale: "Enlarge each face box by this factor so hair, ears and chin are covered."
    case .feather: "Soft edge width as a fraction of the region size (0 = hard edge)."
    case .drawBoxes: "Outline every hidden region."
    case .keepMetadata:
      "Keep a safe subset of EXIF (dates, camera make and model, exposure); never GPS, serials, "
        + "thumbnails or XMP."
    case .format: "Output format: jpeg, png or webp (default: the input's; HEIC becomes JPEG)."
    case .quality: "JPEG/WebP quality 1-100 (default: close to the input's)."
    case .threshold:
      "Minimum face confidence, 0 to 1 (default: 0.3 for centerface, retinaface and ensembles, "
        + "MediaPipe's 0.5/0.6 for blazeface). Lower finds more faces and more false alarms."
    case .watermark:
      "Stamp this text (printable ASCII, at most 64 characters) in a corner of every anonymized "
        + "photo and video frame: white on a dark box, its height 3 % of the shorter side."
    case .watermarkCorner:
      "Corner of the watermark: bottom-right, bottom-left, top-right or top-left."
    case .model:
      "Face detection model: centerface, retinaface, blazeface-short or blazeface-full, or "
        + "several joined by + to fuse what they find (the first follows the preset's plan, the "
        + "others their whole-image pass). Default: centerface for fast, centerface+retinaface "
        + "for balanced and thorough."
    case .preset:
      "How hard to look: fast (one pass, faces from ~2 % of the long side), balanced (adds tiles "
        + "down to 1 % of the long side, 10 to 20 px), thorough (balanced's passes also on the mirrored "
        + "image: fewer false alarms, better ranking, about twice the time)."
    case .minimumFace:
      "Smallest face height in pixels the search must cover (default: set by the preset for "
        + "photos, 12 for videos)."
    case .wholeImageSide:
      "Long side in pixels the whole-image pass is shrunk to (default 1024; never enlarged, so a "
        + "large value runs it at the image's own size). Larger finds smaller faces in that pass "
        + "and costs more time."
    case .threads: "Inference threads (default: all cores)."
    case .precision:
      "What centerface and retinaface compute in: int8 (default; 8-bit integers on the "
        + "calibration `faceguard calibrate` makes, as accurate and faster) or fp32 (32-bit "
        + "floats, the models as published). BlazeFace always runs on fp32."
    case .maxPixels: "Refuse images with more pixels than this (decompression-bomb guard)."
    case .jobs: "Files processed at once."
    case .videoCodec:
      "Codec of the anonymized video: h264 (default; vp9 for WebM), h265, vp9 or av1. Audio, "
        + "subtitles and the other streams are copied unchanged."
    case .crf:
      "Constant quality of the re-encoded video, lower is better (default: visually close to "
        + "the input: 18 for h264, 22 for h265, 31 for vp9, 30 for av1)."
    case .noAudio: "Drop the video's audio (voices identify people too)."
    case .detectEvery:
      "Run detection on every Nth frame of a video; tracking masks the frames between "
        + "(1 = every frame)."
    }
  }

  /// `value` if the setting, which takes numbers, accepts it.
  ///
  /// - Throws: ``SettingError`` naming the setting and what it accepts.
  public func checked(_ value: Double) throws(SettingError) -> Double {
    guard case .number(let range) = values else { preconditionFailure("\(self) takes no number") }
    guard range.contains(value) else {
      throw SettingError(self, value: SettingValues.format(value))
    }
    return value
  }

  /// `value` if the setting, which takes whole numbers, accepts it.
  ///
  /// - Throws: ``SettingError`` naming the setting and what it accepts.
  public func checked(_ value: Int) throws(SettingError) -> Int {
    guard case .wholeNumber(let range) = values else {
      preconditionFailure("\(self) takes no whole number")
    }
    guard range.contains(value) else { throw SettingError(self, value: String(value)) }
    return value
  }
}
