/// The anchor centres of BlazeFace, generated as MediaPipe's `SsdAnchorsCalculator` does.
///
/// BlazeFace uses fixed-size anchors (`fixed_anchor_size: true`), so every anchor is a unit square
/// and only its centre matters. Consecutive layers with the same stride share one feature map and
/// contribute their anchors to each of its cells.
enum BlazeFaceAnchors {
  /// The `SsdAnchorsCalculatorOptions` that matter for fixed-size anchors.
  struct Options: Sendable, Equatable {
    /// Side of the square network input.
    var inputSize: Int
    /// Stride of each layer's feature map (`num_layers` is the count).
    var strides: [Int]
    /// Anchor offset within a cell, in cells (`anchor_offset_x`, `anchor_offset_y`).
    var anchorOffset = 0.5
    /// Number of `aspect_ratios` (BlazeFace uses one, 1.0).
    var aspectRatioCount = 1
    /// An extra anchor per layer when above zero.
    var interpolatedScaleAspectRatio: Double
  }

  /// One anchor centre in coordinates normalised to the input (0...1).
  struct Anchor: Sendable, Equatable {
    /// Horizontal centre.
    var x: Double
    /// Vertical centre.
    var y: Double
  }

  /// The anchors in the order of the model's outputs: layer groups, then rows, columns, and the
  /// anchors of one cell.
  static func generate(_ options: Options) -> [Anchor] {
    var anchors: [Anchor] = []
    let anchorsPerLayer =
      options.aspectRatioCount + (options.interpolatedScaleAspectRatio > 0 ? 1 : 0)
    var layer = 0
    while layer < options.strides.count {
      let stride = options.strides[layer]
      var anchorsPerCell = 0
      while layer < options.strides.count, options.strides[layer] == stride {
        anchorsPerCell += anchorsPerLayer
        layer += 1
      }
      guard stride > 0 else { continue }
      let cells = (options.inputSize + stride - 1) / stride
      for row in 0..<cells {
        for column in 0..<cells {
          let anchor = Anchor(
            x: (Double(column) + options.anchorOffset) / Double(cells),
            y: (Double(row) + options.anchorOffset) / Double(cells))
          anchors.append(contentsOf: repeatElement(anchor, count: anchorsPerCell))
        }
      }
    }
    return anchors
  }
}
