import Foundation

/// A 64-bit FNV-1a hash of a model file's bytes, written as 16 hex digits: enough to tell that a
/// calibration file was made for other weights (it is not a defence against tampering).
enum ModelFingerprint {
  /// The fingerprint of the file at `url`.
  ///
  /// - Throws: the error reading the file.
  static func of(contentsOf url: URL) throws -> String {
    let data = try Data(contentsOf: url)
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    data.withUnsafeBytes { bytes in
      for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      }
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
