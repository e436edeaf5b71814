/// Replacement colours for a rectangle of pixels, three floats (red, green, blue) per pixel, rows
/// top to bottom.
struct ColorPatch {
  /// The pixels the patch holds, in image coordinates.
  let bounds: PixelBounds
  /// `bounds.width * bounds.height * 3` samples.
  var samples: [Float]

  /// Floats from one row to the next.
  var rowStride: Int { bounds.width * 3 }

  /// A patch whose samples are yet to be written by `initialize`, which receives a pointer to all
  /// of them.
  init(bounds: PixelBounds, initialize: (UnsafeMutablePointer<Float>) -> Void) {
    self.bounds = bounds
    let count = bounds.width * bounds.height * 3
    samples = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
      if let base = buffer.baseAddress {
        base.initialize(repeating: 0, count: count)
        initialize(base)
      }
      initialized = count
    }
  }
}
