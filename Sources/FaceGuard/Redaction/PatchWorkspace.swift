/// Reusable scratch memory for the effects of one redaction call, so faces after the first
/// allocate nothing. Not for use from several threads at once.
final class PatchWorkspace {
  /// First buffer of floats.
  private(set) var first: UnsafeMutablePointer<Float>
  /// Second buffer of floats, as large as the first.
  private(set) var second: UnsafeMutablePointer<Float>
  /// Floats in each buffer.
  private var capacity: Int

  init() {
    capacity = 0
    first = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    second = UnsafeMutablePointer<Float>.allocate(capacity: 0)
  }

  deinit {
    first.deallocate()
    second.deallocate()
  }

  /// Makes both buffers hold at least `count` floats; their previous contents are lost.
  func reserve(_ count: Int) {
    guard count > capacity else { return }
    first.deallocate()
    second.deallocate()
    capacity = count
    first = UnsafeMutablePointer<Float>.allocate(capacity: count)
    second = UnsafeMutablePointer<Float>.allocate(capacity: count)
  }
}
