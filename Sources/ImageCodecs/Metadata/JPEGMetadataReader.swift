/// Extracts EXIF (APP1), XMP (APP1) and the ICC profile (APP2, possibly in several chunks)
/// from a JPEG's marker segments.
enum JPEGMetadataReader {
  /// The prefix of an APP1 segment holding EXIF.
  static let exifSignature: [UInt8] = Array("Exif".utf8) + [0, 0]
  /// The prefix of an APP1 segment holding XMP.
  static let xmpSignature: [UInt8] = Array("http://ns.adobe.com/xap/1.0/".utf8) + [0]
  /// The prefix of an APP2 segment holding an ICC profile chunk.
  static let iccSignature: [UInt8] = Array("ICC_PROFILE".utf8) + [0]

  /// The metadata found in `structure`; a malformed or incomplete block is left out.
  static func read(from structure: JPEGStructure, in bytes: [UInt8]) -> ImageMetadata {
    var metadata = ImageMetadata()
    for payload in structure.payloads(of: 0xE1, in: bytes) {
      if metadata.exif == nil, payload.starts(with: exifSignature) {
        metadata.exif = Array(payload.dropFirst(exifSignature.count))
      } else if metadata.xmp == nil, payload.starts(with: xmpSignature) {
        metadata.xmp = Array(payload.dropFirst(xmpSignature.count))
      }
    }
    metadata.iccProfile = assembleICCProfile(structure.payloads(of: 0xE2, in: bytes))
    return metadata
  }

  /// Joins ICC_PROFILE chunks by their sequence numbers; `nil` when there are none or some
  /// are missing or inconsistent.
  private static func assembleICCProfile(_ app2Payloads: [ArraySlice<UInt8>]) -> [UInt8]? {
    var chunks: [Int: ArraySlice<UInt8>] = [:]
    var expectedCount: Int?
    for payload in app2Payloads where payload.starts(with: iccSignature) {
      let header = payload.startIndex + iccSignature.count
      guard payload.endIndex >= header + 2 else { return nil }
      let sequence = Int(payload[header])
      let count = Int(payload[header + 1])
      guard sequence >= 1, sequence <= count, expectedCount == nil || expectedCount == count,
        chunks[sequence] == nil
      else { return nil }
      expectedCount = count
      chunks[sequence] = payload[(header + 2)...]
    }
    guard let expectedCount, chunks.count == expectedCount else { return nil }
    return (1...expectedCount).flatMap { chunks[$0] ?? [] }
  }
}
