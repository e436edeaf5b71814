/// Inserts EXIF and XMP (APP1) and ICC profile (APP2) segments into an encoded JPEG.
enum JPEGMetadataWriter {
  /// The most payload bytes one marker segment can hold (its 16-bit length counts itself).
  private static let maxSegmentPayload = 65533
  /// ICC chunk header: signature, sequence number, chunk count.
  private static let iccHeaderSize = JPEGMetadataReader.iccSignature.count + 2

  /// `jpeg` with the segments for `metadata` placed after SOI and the JFIF APP0 segment.
  static func embed(_ metadata: ImageMetadata, into jpeg: [UInt8]) throws(ImageCodecError)
    -> [UInt8]
  {
    guard !metadata.isEmpty else { return jpeg }
    var segments: [UInt8] = []
    if let exif = metadata.exif {
      try appendSegment(
        marker: 0xE1, payload: JPEGMetadataReader.exifSignature + exif, what: "EXIF",
        to: &segments)
    }
    if let xmp = metadata.xmp {
      try appendSegment(
        marker: 0xE1, payload: JPEGMetadataReader.xmpSignature + xmp, what: "XMP", to: &segments)
    }
    if let icc = metadata.iccProfile {
      try appendICCProfile(icc, to: &segments)
    }
    var insertion = 2
    if jpeg.count >= 6, jpeg[2] == 0xFF, jpeg[3] == 0xE0 {
      insertion = 4 + jpeg.uint16BE(at: 4)
    }
    guard insertion <= jpeg.count else {
      throw .encodeFailed(.jpeg, detail: "the encoder produced an unexpected header")
    }
    return Array(jpeg[..<insertion]) + segments + jpeg[insertion...]
  }

  /// Appends one marker segment; throws when `payload` is too large for a single segment.
  private static func appendSegment(
    marker: UInt8, payload: [UInt8], what: String, to output: inout [UInt8]
  ) throws(ImageCodecError) {
    guard payload.count <= maxSegmentPayload else {
      throw .encodeFailed(
        .jpeg,
        detail: "the \(what) block (\(payload.count) bytes) does not fit in a JPEG segment")
    }
    output += [0xFF, marker]
    output.appendUInt16BE(payload.count + 2)
    output += payload
  }

  /// Appends the profile as numbered ICC_PROFILE chunks (at most 255).
  private static func appendICCProfile(_ profile: [UInt8], to output: inout [UInt8])
    throws(ImageCodecError)
  {
    let chunkSize = maxSegmentPayload - iccHeaderSize
    let chunkCount = max(1, (profile.count + chunkSize - 1) / chunkSize)
    guard chunkCount <= 255 else {
      throw .encodeFailed(.jpeg, detail: "the ICC profile is too large for a JPEG file")
    }
    for index in 0..<chunkCount {
      let chunk = profile[
        min(index * chunkSize, profile.count)..<min((index + 1) * chunkSize, profile.count)]
      let payload =
        JPEGMetadataReader.iccSignature + [UInt8(index + 1), UInt8(chunkCount)] + chunk
      try appendSegment(marker: 0xE2, payload: payload, what: "ICC profile", to: &output)
    }
  }
}
