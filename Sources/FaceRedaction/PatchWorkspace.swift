/// Reusable scratch memory for the effects of one redaction call, so faces after the first
/// rarely allocate. Not for use from several threads at once.
final class PatchWorkspace {
  /// Holds the replacement colours an effect returns.
  private(set) var patch: UnsafeMutablePointer<Float>
  /// Holds intermediate results of an effect.
  private(set) var scratch: UnsafeMutablePointer<Float>
  private var patchCapacity = 0
  private var scratchCapacity = 0

  init() {
    patch = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    scratch = UnsafeMutablePointer<Float>.allocate(capacity: 0)
  }

  deinit {
    patch.deallocate()
    scratch.deallocate()
  }

  /// Makes `patch` hold at least `patchCount` floats and `scratch` at least `scratchCount`; the
  /// contents of a buffer that grows are lost.
  func reserve(patch patchCount: Int, scratch scratchCount: Int = 0) {
    if patchCount > patchCapacity {
      patch.deallocate()
      patch = UnsafeMutablePointer<Float>.allocate(capacity: patchCount)
      patchCapacity = patchCount
    }
    if scratchCount > scratchCapacity {
      scratch.deallocate()
      scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
      scratchCapacity = scratchCount
    }
  }
}
