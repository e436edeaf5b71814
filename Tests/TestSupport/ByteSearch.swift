extension Array where Element == UInt8 {
  /// Whether `needle` occurs as a contiguous run in the array.
  public func containsSequence(_ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= count else { return false }
    return (0...(count - needle.count)).contains { start in
      self[start..<start + needle.count].elementsEqual(needle)
    }
  }

  /// Whether the UTF-8 bytes of `text` occur in the array.
  public func containsText(_ text: String) -> Bool {
    containsSequence(Array(text.utf8))
  }
}
