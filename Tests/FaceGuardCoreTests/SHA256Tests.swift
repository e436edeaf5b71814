import FaceGuardCore
import Foundation
import TestSupport
import Testing

@Suite("SHA-256 matches FIPS 180-4 and sha256sum")
struct SHA256Tests {
  @Test(
    "the standard test vectors",
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
    ])
  func vectors(message: String, digest: String) {
    #expect(SHA256.hex(of: Array(message.utf8)) == digest)
  }

  @Test("a million a's, fed in uneven pieces, give the published digest")
  func millionAs() {
    var hash = SHA256()
    let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
    var fed = 0
    while fed < 1_000_000 {
      let count = min(piece.count - fed % 7, 1_000_000 - fed)
      hash.update(Array(piece.prefix(count)))
      fed += count
    }
    #expect(hash.finish().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("every split of a message gives the digest of the whole")
  func pieces() {
    let message = (0..<1000).map { UInt8($0 % 251) }
    let whole = "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d"
    #expect(SHA256.hex(of: message) == whole)
    for split in [1, 55, 56, 63, 64, 65, 128, 999] {
      var hash = SHA256()
      hash.update(Array(message[..<split]))
      hash.update(Array(message[split...]))
      #expect(hash.finish().hex == whole, "split at \(split)")
    }
  }

  @Test("a file's digest is read in pieces and names an unreadable file")
  func fileDigest() throws {
    try TemporaryFolder.use { folder in
      let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      let url = try folder.write(bytes, to: "big.bin")
      let digest = try FileDigest(contentsOfFile: url.path)
      #expect(digest == FileDigest(of: bytes))
      #expect(digest.bytes == 3_000_000)
      let missing = folder.path("missing.bin").path
      #expect(throws: FileDigestError.unreadable(path: missing)) {
        try FileDigest(contentsOfFile: missing)
      }
      #expect(throws: FileDigestError.unreadable(path: folder.url.path)) {
        try FileDigest(contentsOfFile: folder.url.path)
      }
    }
  }
}
