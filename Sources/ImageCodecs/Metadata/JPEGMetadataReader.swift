/// Extracts EXIF (APP1), XMP (APP1) and the ICC profile (APP2, possibly in several chunks)
/// from a JPEG's marker segments, and names the other metadata segments it leaves behind.
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
    var names: [String] = []
    for segment in structure.segments {
      if let name = otherBlockName(marker: segment.marker, payload: bytes[segment.payload]),
        !names.contains(name)
      {
        names.append(name)
      }
    }
    metadata.otherBlocks = names
    return metadata
  }

  /// The name of a segment that carries metadata other than the EXIF, XMP and ICC blocks read
  /// above; `nil` for those, for image data and for APP0 and APP14 without a thumbnail (they
  /// only describe the encoding).
  private static func otherBlockName(marker: UInt8, payload: ArraySlice<UInt8>) -> String? {
    func starts(_ text: String) -> Bool { payload.starts(with: Array(text.utf8)) }
    switch marker {
    case 0xE0:
      if starts("JFXX") { return "JFIF thumbnail" }
      let base = payload.startIndex
      let hasThumbnail =
        starts("JFIF") && payload.count >= 14 && payload[base + 12] > 0 && payload[base + 13] > 0
      return hasThumbnail ? "JFIF thumbnail" : nil
    case 0xE1:
      if payload.starts(with: exifSignature) || payload.starts(with: xmpSignature) { return nil }
      return starts("http://ns.adobe.com/xmp/extension/") ? "XMP extension" : "APP1 block"
    case 0xE2:
      if payload.starts(with: iccSignature) { return nil }
      if starts("MPF") { return "MPF preview images" }
      return starts("FPXR") ? "FlashPix (APP2)" : "APP2 block"
    case 0xED: return "IPTC (APP13)"
    case 0xEE: return nil
    case 0xE3...0xEF: return "APP\(marker - 0xE0) block"
    case 0xFE: return "JPEG comment"
    default: return nil
    }
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
