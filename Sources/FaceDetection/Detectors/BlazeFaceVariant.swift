extension BlazeFace {
  /// The two BlazeFace models MediaPipe ships, with the settings of their MediaPipe graphs
  /// (`face_detection_short_range.pbtxt`, `face_detection_full_range.pbtxt`).
  public enum Variant: String, Sendable, CaseIterable {
    /// Faces within about 2 m of the camera (selfies): 128x128 input, 896 anchors.
    case shortRange
    /// Faces up to about 5 m away: 192x192 input, 2304 anchors (the sparse model).
    case fullRange

    /// The model file name in the models folder.
    public var modelFileName: String {
      switch self {
      case .shortRange: return "face_detection_short_range.tflite"
      case .fullRange: return "face_detection_full_range_sparse.tflite"
      }
    }

    /// The side of the square network input in pixels.
    public var inputSize: Int {
      switch self {
      case .shortRange: return 128
      case .fullRange: return 192
      }
    }

    /// The confidence threshold MediaPipe uses (`min_score_thresh`).
    public var defaultThreshold: Double {
      switch self {
      case .shortRange: return 0.5
      case .fullRange: return 0.6
      }
    }

    /// MediaPipe's anchor settings for this model.
    var anchorOptions: BlazeFaceAnchors.Options {
      switch self {
      case .shortRange:
        return BlazeFaceAnchors.Options(
          inputSize: 128, strides: [8, 16, 16, 16], interpolatedScaleAspectRatio: 1)
      case .fullRange:
        return BlazeFaceAnchors.Options(
          inputSize: 192, strides: [4], interpolatedScaleAspectRatio: 0)
      }
    }
  }
}
