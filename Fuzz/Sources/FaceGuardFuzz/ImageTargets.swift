import FaceGuardCore

@testable import ImageCodecs

/// Targets for ImageCodecs: decoders, containers and the metadata round trip.
///
/// The container parsers and metadata readers and writers are internal, so this file imports
/// ImageCodecs with `@testable` (debug builds compile it with testing enabled).
enum ImageTargets {
  /// Small enough that one decode takes milliseconds (512x512 pixels).
  static let limits = DecodeLimits(maxPixels: 512 * 512)

  /// The image the metadata target writes metadata into: 8x8 pixels.
  static let tinyImage = Image(
    width: 8, height: 8, layout: .rgb, pixels: (0..<(8 * 8 * 3)).map { UInt8($0 & 0xFF) })

  /// Decodes `bytes` when they sniff as `format`; checks the image's pixel count.
  static func decode(_ bytes: [UInt8], as format: ImageFormat) -> Bool {
    guard ImageFormat(sniffing: bytes) == format else { return false }
    guard let decoded = try? ImageDecoder.decode(bytes, limits: limits) else { return true }
    let image = decoded.image
    fuzzCheck(image.width * image.height <= limits.maxPixels, "a decode exceeded the limits")
    fuzzCheck(
      image.pixels.count == image.width * image.height * image.channels,
      "\(format) decoded \(image.pixels.count) samples for \(image.width)x\(image.height)")
    if let exif = decoded.metadata.exif, let parsed = try? EXIF(parsing: exif) {
      _ = parsed.orientation
    }
    return true
  }

  /// Walks JPEG segments and PNG chunks with everything that reads them, then writes metadata
  /// into the file and checks that the result still walks.
  static func containers(_ bytes: [UInt8]) -> Bool {
    _ = ImageFormat(sniffing: bytes)
    let extra = ImageMetadata(iccProfile: [1, 2, 3], exif: Array("MM\0*".utf8), xmp: [60, 120])
    if let structure = try? JPEGStructure(parsing: bytes, limits: limits) {
      fuzzCheck(
        structure.segments.allSatisfy { $0.payload.upperBound <= bytes.count },
        "a JPEG segment ends past the file")
      _ = JPEGMetadataReader.read(from: structure, in: bytes)
      _ = JPEGQualityEstimator.estimate(from: structure, in: bytes)
      _ = structure.hasAdobeMarker(in: bytes)
      if let written = try? JPEGMetadataWriter.embed(extra, into: bytes) {
        fuzzCheck(
          (try? JPEGStructure(parsing: written, limits: limits)) != nil,
          "a JPEG no longer parses after JPEGMetadataWriter.embed")
      }
    }
    if let chunks = try? PNGChunks(parsing: bytes) {
      fuzzCheck(
        chunks.chunks.allSatisfy { $0.whole.upperBound <= bytes.count },
        "a PNG chunk ends past the file")
      _ = PNGMetadataReader.read(from: chunks, in: bytes)
      if let written = try? PNGMetadataWriter.embed(extra, into: bytes, replacingLinearGamma: true)
      {
        fuzzCheck(
          (try? PNGChunks(parsing: written)) != nil,
          "a PNG no longer parses after PNGMetadataWriter.embed")
      }
    }
    return true
  }

  /// Reads the metadata of any image, keeps what each policy allows, writes it into a tiny
  /// image in every writable format and reads it back: the output must parse and carry the kept
  /// ICC profile and EXIF unchanged. JPEG and PNG outputs are read back through their
  /// containers, and fully decoded for `keepSafe` only (the JPEG quality estimate dominates a
  /// decode in this unoptimized build). The metadata as found (unsanitized) is written too,
  /// where the writers may refuse but must not crash.
  static func metadataRoundTrip(_ bytes: [UInt8]) -> Bool {
    guard let metadata = sourceMetadata(bytes) else { return false }
    for policy in [MetadataPolicy.stripAll, .keepSafe] {
      let kept = policy.sanitize(metadata)
      if let exif = kept.exif {
        fuzzCheck((try? EXIF(parsing: exif)) != nil, "\(policy) wrote EXIF that does not parse")
      }
      fuzzCheck(kept.xmp == nil, "\(policy) kept XMP")
      for format in ImageFormat.writable {
        guard
          let output = try? ImageEncoder.encode(
            tinyImage, as: format, options: EncodeOptions(metadata: kept))
        else { continue }
        if policy == .keepSafe || format == .webp {
          do {
            _ = try ImageDecoder.decode(output, limits: limits)
          } catch {
            fatalError(
              "fuzz check failed: \(format) written with \(policy) does not decode: \(error)")
          }
        }
        guard let written = sourceMetadata(output) else {
          fatalError("fuzz check failed: \(format) written with \(policy) does not parse")
        }
        fuzzCheck(
          nonEmpty(written.iccProfile) == nonEmpty(kept.iccProfile),
          "the ICC profile changed in a \(format) round trip (\(policy))")
        fuzzCheck(
          nonEmpty(written.exif) == nonEmpty(kept.exif),
          "the EXIF changed in a \(format) round trip (\(policy))")
      }
    }
    for format in ImageFormat.writable {
      _ = try? ImageEncoder.encode(
        tinyImage, as: format, options: EncodeOptions(metadata: metadata))
    }
    return true
  }

  /// The metadata of `bytes`: from the container for JPEG and PNG (no pixels decoded), from a
  /// decode for WebP and HEIC; `nil` when the bytes are no image or the file is refused.
  private static func sourceMetadata(_ bytes: [UInt8]) -> ImageMetadata? {
    switch ImageFormat(sniffing: bytes) {
    case .jpeg:
      guard let structure = try? JPEGStructure(parsing: bytes, limits: limits) else { return nil }
      return JPEGMetadataReader.read(from: structure, in: bytes)
    case .png:
      guard let chunks = try? PNGChunks(parsing: bytes) else { return nil }
      return PNGMetadataReader.read(from: chunks, in: bytes)
    case .webp, .heic:
      return (try? ImageDecoder.decode(bytes, limits: limits))?.metadata
    case nil:
      return nil
    }
  }

  /// `bytes`, with an empty block counted as none.
  private static func nonEmpty(_ bytes: [UInt8]?) -> [UInt8]? {
    bytes?.isEmpty == false ? bytes : nil
  }
}
