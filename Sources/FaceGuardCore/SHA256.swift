/// The SHA-256 hash of FIPS 180-4, computed incrementally: feed bytes in any pieces with
/// ``update(_:)`` and read the digest with ``finish()``. Used where a file's identity must be
/// recorded so that anyone can check it with standard tools (`sha256sum`): the audit log's input,
/// output and model hashes, and the shard a batch input falls in.
public struct SHA256: Sendable {
  /// The eight 32-bit words of the running hash.
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  /// Bytes fed so far that do not yet fill a 64-byte block.
  private var pending: [UInt8] = []
  /// Bytes fed in all.
  private var length: UInt64 = 0

  /// A hash of nothing yet.
  public init() {
    pending.reserveCapacity(64)
  }

  /// The hex digest (64 lower-case digits) of `bytes`.
  public static func hex(of bytes: some Sequence<UInt8>) -> String {
    var hash = SHA256()
    hash.update(Array(bytes))
    return hash.finish().hex
  }

  /// Feeds `bytes`.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { update($0) }
  }

  /// Feeds the bytes of `buffer`.
  public mutating func update(_ buffer: UnsafeBufferPointer<UInt8>) {
    length &+= UInt64(buffer.count)
    var start = 0
    if !pending.isEmpty {
      let taken = min(64 - pending.count, buffer.count)
      pending.append(contentsOf: buffer[0..<taken])
      start = taken
      guard pending.count == 64 else { return }
      pending.withUnsafeBufferPointer { compress(blocks: $0) }
      pending.removeAll(keepingCapacity: true)
    }
    let whole = (buffer.count - start) / 64 * 64
    if whole > 0 {
      compress(blocks: UnsafeBufferPointer(rebasing: buffer[start..<(start + whole)]))
    }
    pending.append(contentsOf: buffer[(start + whole)...])
  }

  /// The digest of everything fed: 32 bytes. The hash must not be fed afterwards.
  public mutating func finish() -> Digest {
    let bits = length &* 8
    var tail: [UInt8] = [0x80]
    tail += [UInt8](repeating: 0, count: (119 - pending.count) % 64)
    tail += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
    let fed = length
    update(tail)
    length = fed
    return Digest(
      bytes: state.flatMap { word in
        (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) }
      })
  }

  /// A finished hash.
  public struct Digest: Sendable, Equatable {
    /// The 32 bytes of the digest.
    public let bytes: [UInt8]

    /// The digest as 64 lower-case hex digits, as `sha256sum` prints it.
    public var hex: String {
      let digits = Array("0123456789abcdef".utf8)
      var text: [UInt8] = []
      text.reserveCapacity(64)
      for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
      }
      return String(decoding: text, as: UTF8.self)
    }
  }

  /// The round constants: the first 32 bits of the fractional parts of the cube roots of the
  /// first 64 primes.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// Runs the compression function over each 64-byte block of `blocks`.
  private mutating func compress(blocks: UnsafeBufferPointer<UInt8>) {
    var schedule = [UInt32](repeating: 0, count: 64)
    var hash = state
    Self.roundConstants.withUnsafeBufferPointer { constants in
      schedule.withUnsafeMutableBufferPointer { words in
        var offset = 0
        while offset < blocks.count {
          for index in 0..<16 {
            let byte = offset + index * 4
            words[index] =
              UInt32(blocks[byte]) << 24 | UInt32(blocks[byte + 1]) << 16
              | UInt32(blocks[byte + 2]) << 8 | UInt32(blocks[byte + 3])
          }
          for index in 16..<64 {
            let early = words[index - 15]
            let late = words[index - 2]
            let sigma0 = rotate(early, 7) ^ rotate(early, 18) ^ (early >> 3)
            let sigma1 = rotate(late, 17) ^ rotate(late, 19) ^ (late >> 10)
            words[index] = words[index - 16] &+ sigma0 &+ words[index - 7] &+ sigma1
          }
          var (a, b, c, d) = (hash[0], hash[1], hash[2], hash[3])
          var (e, f, g, h) = (hash[4], hash[5], hash[6], hash[7])
          for index in 0..<64 {
            let sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
            let choice = (e & f) ^ (~e & g)
            let first = h &+ sum1 &+ choice &+ constants[index] &+ words[index]
            let sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let second = sum0 &+ majority
            (h, g, f, e) = (g, f, e, d &+ first)
            (d, c, b, a) = (c, b, a, first &+ second)
          }
          hash[0] &+= a
          hash[1] &+= b
          hash[2] &+= c
          hash[3] &+= d
          hash[4] &+= e
          hash[5] &+= f
          hash[6] &+= g
          hash[7] &+= h
          offset += 64
        }
      }
    }
    state = hash
  }
}

/// `value` rotated right by `count` bits.
@inline(__always)
private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
  value >> count | value << (32 - count)
}
