/// Estimates the IJG quality setting a JPEG was written with from its luminance quantization
/// table, so a re-encoded file can keep a similar quality.
enum JPEGQualityEstimator {
  /// The luminance table of the JPEG standard (Annex K.1), in natural (row-major) order.
  private static let standardLuminance: [Int] = [
    16, 11, 10, 16, 24, 40, 51, 61,
    12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77,
    24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103, 99,
  ]

  /// For each zigzag position, the natural-order index it stands for.
  private static let zigzagToNatural: [Int] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
    12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
    58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
  ]

  /// The quality 1...100 whose scaled standard table is nearest (sum of absolute differences)
  /// to table 0 of the file's DQT segments (on a tie the higher quality, so a re-encode does not
  /// lose detail); `nil` when the file has no table 0.
  static func estimate(from structure: JPEGStructure, in bytes: [UInt8]) -> Int? {
    guard let table = luminanceTable(structure.payloads(of: 0xDB, in: bytes)) else { return nil }
    let distances = (1...100).reversed().map {
      (quality: $0, distance: distance(table, scaledTable(quality: $0)))
    }
    return distances.min { $0.distance < $1.distance }?.quality
  }

  /// Table 0 from DQT payloads, in natural order.
  private static func luminanceTable(_ payloads: [ArraySlice<UInt8>]) -> [Int]? {
    for payload in payloads {
      var offset = payload.startIndex
      while offset < payload.endIndex {
        let precision = Int(payload[offset] >> 4)
        let id = Int(payload[offset] & 0x0F)
        let entrySize = precision == 0 ? 1 : 2
        let end = offset + 1 + 64 * entrySize
        guard end <= payload.endIndex else { return nil }
        if id == 0 {
          var natural = [Int](repeating: 0, count: 64)
          for zigzag in 0..<64 {
            let at = offset + 1 + zigzag * entrySize
            let value =
              entrySize == 1 ? Int(payload[at]) : payload.uint16BE(at: at)
            natural[zigzagToNatural[zigzag]] = value
          }
          return natural
        }
        offset = end
      }
    }
    return nil
  }

  /// The standard luminance table scaled as libjpeg's `jpeg_set_quality` does (baseline-limited).
  private static func scaledTable(quality: Int) -> [Int] {
    let scale = quality < 50 ? 5000 / quality : 200 - quality * 2
    return standardLuminance.map { min(max(($0 * scale + 50) / 100, 1), 255) }
  }

  private static func distance(_ a: [Int], _ b: [Int]) -> Int {
    zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) }
  }
}
