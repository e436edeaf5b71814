/// A structurally valid RGB display ICC profile header with no tags and a recognisable body,
/// for metadata tests (libpng checks the header of iCCP profiles).
public enum TestICCProfile {
  /// The profile, `size` bytes long.
  public static func bytes(size: Int = 300) -> [UInt8] {
    var profile = [UInt8](repeating: 0, count: size)
    func put(_ value: Int, at offset: Int) {
      for index in 0..<4 {
        profile[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index))
      }
    }
    func put(_ text: String, at offset: Int) {
      for (index, byte) in text.utf8.enumerated() { profile[offset + index] = byte }
    }
    put(size, at: 0)
    put(0x0430_0000, at: 8)
    put("mntr", at: 12)
    put("RGB ", at: 16)
    put("XYZ ", at: 20)
    put("acsp", at: 36)
    put(0x0000_F6D6, at: 68)
    put(0x0001_0000, at: 72)
    put(0x0000_D32D, at: 76)
    for offset in 132..<size { profile[offset] = UInt8(truncatingIfNeeded: offset * 7) }
    return profile
  }
}
