extension Array where Element == UInt8 {
  /// Whether `needle` occurs as a contiguous run in the array.
  func containsSequence(_ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= count else { return false }
    return (0...(count - needle.count)).contains { start in
      self[start..<start + needle.count].elementsEqual(needle)
    }
  }
}

/// A deterministic byte generator for garbage inputs and test images.
struct TestByteGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt8 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return UInt8(truncatingIfNeeded: state >> 33)
  }

  mutating func bytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in next() }
  }
}
