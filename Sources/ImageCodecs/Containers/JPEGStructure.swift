/// The marker segments of a JPEG file up to its first scan, read without decoding any pixels.
struct JPEGStructure {
  /// One marker segment: its marker byte (the byte after 0xFF) and where its payload lies.
  struct Segment {
    /// Marker code, for example 0xE1 for APP1.
    var marker: UInt8
    /// The payload's position in the file (after the two length bytes).
    var payload: Range<Int>
  }

  /// Image width from the frame header.
  var width: Int
  /// Image height from the frame header.
  var height: Int
  /// Number of color components in the frame (1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK).
  var components: Int
  /// Every segment before the first scan, in file order.
  var segments: [Segment]

  /// Walks the segments from SOI to the first SOS; throws when the file is not a complete
  /// JPEG header, or as soon as the frame header gives a size beyond `limits`.
  init(parsing bytes: [UInt8], limits: DecodeLimits = DecodeLimits(maxPixels: .max))
    throws(ImageCodecError)
  {
    guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else {
      throw .truncated(.jpeg)
    }
    var segments: [Segment] = []
    var frame: (width: Int, height: Int, components: Int)?
    var offset = 2
    while true {
      guard offset < bytes.count else { throw .truncated(.jpeg) }
      guard bytes[offset] == 0xFF else {
        throw .corrupt(.jpeg, detail: "expected a marker at byte \(offset)")
      }
      while offset < bytes.count && bytes[offset] == 0xFF { offset += 1 }
      guard offset < bytes.count else { throw .truncated(.jpeg) }
      let marker = bytes[offset]
      offset += 1
      if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }
      if marker == 0xD9 {
        throw .corrupt(.jpeg, detail: "the file ends before any image data")
      }
      guard offset + 2 <= bytes.count else { throw .truncated(.jpeg) }
      let length = bytes.uint16BE(at: offset)
      guard length >= 2 else {
        throw .corrupt(.jpeg, detail: "a marker segment has an invalid length")
      }
      let payload = offset + 2..<offset + length
      guard payload.upperBound <= bytes.count else { throw .truncated(.jpeg) }
      if marker == 0xDA { break }
      segments.append(Segment(marker: marker, payload: payload))
      if Self.isStartOfFrame(marker) {
        guard payload.count >= 6 else {
          throw .corrupt(.jpeg, detail: "the frame header is too short")
        }
        let width = bytes.uint16BE(at: payload.lowerBound + 3)
        let height = bytes.uint16BE(at: payload.lowerBound + 1)
        try limits.check(width: width, height: height, format: .jpeg)
        frame = (width: width, height: height, components: Int(bytes[payload.lowerBound + 5]))
      }
      offset = payload.upperBound
    }
    guard let frame else { throw .corrupt(.jpeg, detail: "the file has no frame header") }
    self.width = frame.width
    self.height = frame.height
    self.components = frame.components
    self.segments = segments
  }

  /// True for the SOF0...SOF15 markers (0xC0...0xCF without DHT, JPG and DAC).
  private static func isStartOfFrame(_ marker: UInt8) -> Bool {
    (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
  }

  /// The payloads of all segments with `marker`, in file order.
  func payloads(of marker: UInt8, in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    segments.filter { $0.marker == marker }.map { bytes[$0.payload] }
  }

  /// True when an Adobe APP14 segment is present (it marks inverted CMYK data).
  func hasAdobeMarker(in bytes: [UInt8]) -> Bool {
    payloads(of: 0xEE, in: bytes).contains { $0.starts(with: Array("Adobe".utf8)) }
  }
}
