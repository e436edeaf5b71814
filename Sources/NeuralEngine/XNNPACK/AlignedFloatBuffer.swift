/// Float storage handed to XNNPACK: cache-line aligned, with ``XNNLibrary/extraBytes`` spare bytes
/// after the last element. The owner frees it with ``deallocate()``.
struct AlignedFloatBuffer {
  /// The first element.
  let base: UnsafeMutablePointer<Float>
  /// The number of usable elements.
  let count: Int

  /// Allocates `count` zeroed elements.
  init(count: Int) {
    let byteCount = count * MemoryLayout<Float>.stride + XNNLibrary.extraBytes
    let raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
    base = raw.bindMemory(to: Float.self, capacity: count)
    self.count = count
  }

  /// Allocates a copy of `values`.
  init(copying values: [Float]) {
    self.init(count: values.count)
    write(values)
  }

  /// Overwrites the first `values.count` elements, at most ``count``.
  func write(_ values: [Float]) {
    values.withUnsafeBufferPointer { source in
      guard let address = source.baseAddress else { return }
      base.update(from: address, count: min(source.count, count))
    }
  }

  /// A copy of the elements.
  func read() -> [Float] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// Frees the storage.
  func deallocate() {
    UnsafeMutableRawPointer(base).deallocate()
  }
}
