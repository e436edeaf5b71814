import FaceGuardCore
import Foundation
import NeuralEngine

/// MediaPipe's BlazeFace detector (Apache 2.0), run as MediaPipe's face detection graphs run it.
///
/// The image is letterboxed into the square network input, the network scores a fixed set of SSD
/// anchors and regresses a box and six landmarks for each, and overlapping boxes are blended by
/// weighted non-maximum suppression. The whole image is shrunk to 128 or 192 pixels, so faces that
/// are small next to the longer image side are missed; run it on tiles to find them.
public final class BlazeFace: FaceDetector {
  /// Overlap above which boxes are blended (`min_suppression_threshold`).
  public static let nmsThreshold = 0.3
  /// Regressor values per anchor: box centre and size, then six landmarks (`num_coords`).
  static let coordinatesPerAnchor = 16
  /// Landmarks per face: right eye, left eye, nose tip, mouth centre, right and left ear tragion
  /// (the subject's right is on the image's left).
  static let landmarkCount = 6
  /// Raw scores are clipped to plus or minus this before the sigmoid (`score_clipping_thresh`).
  static let scoreClippingThreshold: Float = 100

  /// The model this detector runs.
  public let variant: Variant
  private let runtime: any InferenceRuntime
  private let anchors: [BlazeFaceAnchors.Anchor]

  /// Creates a detector running the loaded `variant` model on `runtime`.
  public init(variant: Variant, runtime: any InferenceRuntime) {
    self.variant = variant
    self.runtime = runtime
    anchors = BlazeFaceAnchors.generate(variant.anchorOptions)
  }

  /// Loads the `variant` model from `store` and runs it on XNNPACK.
  ///
  /// - Parameter threads: XNNPACK worker threads; `nil` uses every core.
  public convenience init(variant: Variant, store: ModelStore = .standard(), threads: Int? = nil)
    throws
  {
    let model: FaceModel = variant == .shortRange ? .blazefaceShort : .blazefaceFull
    let graph = try model.readGraph(store: store)
    self.init(variant: variant, runtime: XNNPACKRuntime(graph: graph, threads: threads))
  }

  /// One fixed input size; a tile is the network input, and a tile pass is responsible for faces
  /// from about a sixth to half of it.
  public var profile: DetectorProfile {
    DetectorProfile(
      tileSize: inputSize, smallestFace: Double(inputSize) / 6,
      largestTileFace: Double(inputSize) / 2, acceptsAnySize: false,
      mergeThreshold: BlazeFace.nmsThreshold)
  }

  /// The side of the square network input in pixels (128 or 192).
  public var inputSize: Int { variant.inputSize }

  public func detect(in image: Image, threshold: Double) throws -> [Face] {
    let letterbox = BlazeFaceLetterbox(
      imageWidth: image.width, imageHeight: image.height, inputSize: inputSize)
    let outputs = try runtime.run([letterbox.tensor(for: image)])
    guard let regressors = outputs.first(where: { $0.shape.last == Self.coordinatesPerAnchor }),
      let scores = outputs.first(where: { $0.shape.last == 1 })
    else {
      throw ModelError.invalidShape(
        "BlazeFace must output regressors [1, N, 16] and scores [1, N, 1], this model outputs "
          + "\(outputs.map(\.shape))")
    }
    let candidates = try Self.decode(
      regressors: regressors, scores: scores, anchors: anchors, inputSize: inputSize,
      threshold: Float(threshold))
    let merged = WeightedNonMaximumSuppression.merge(
      candidates.map(letterbox.imageFace), iouThreshold: Self.nmsThreshold)
    return merged.compactMap { Self.clipped($0, width: image.width, height: image.height) }
  }

  /// Turns the network outputs into faces in input pixels (before non-maximum suppression), as
  /// MediaPipe's `TensorsToDetectionsCalculator` does with BlazeFace's options: values in x, y
  /// order, box centre and landmarks relative to the anchor centre, sizes relative to the input,
  /// scores through a sigmoid and kept when they reach `threshold`.
  static func decode(
    regressors: Tensor, scores: Tensor, anchors: [BlazeFaceAnchors.Anchor], inputSize: Int,
    threshold: Float
  ) throws -> [Face] {
    guard regressors.shape == [1, anchors.count, coordinatesPerAnchor],
      scores.shape == [1, anchors.count, 1]
    else {
      throw ModelError.invalidShape(
        "BlazeFace outputs have shapes \(regressors.shape) and \(scores.shape), expected "
          + "[1, \(anchors.count), \(coordinatesPerAnchor)] and [1, \(anchors.count), 1]")
    }
    let size = Double(inputSize)
    var faces: [Face] = []
    for (index, anchor) in anchors.enumerated() {
      let logit = min(max(scores.data[index], -scoreClippingThreshold), scoreClippingThreshold)
      let score = 1 / (1 + exp(-logit))
      guard score >= threshold else { continue }
      let base = index * coordinatesPerAnchor
      let values = regressors.data[base..<(base + coordinatesPerAnchor)].map(Double.init)
      let centreX = anchor.x * size + values[0]
      let centreY = anchor.y * size + values[1]
      let width = values[2]
      let height = values[3]
      guard width >= 0, height >= 0 else { continue }
      let landmarks = (0..<landmarkCount).map { landmark in
        Point(
          x: anchor.x * size + values[4 + landmark * 2],
          y: anchor.y * size + values[5 + landmark * 2])
      }
      faces.append(
        Face(
          box: Rect(x: centreX - width / 2, y: centreY - height / 2, width: width, height: height),
          score: Double(score), landmarks: landmarks))
    }
    return faces
  }

  /// `face` with its box clipped to the image, or `nil` when no part of it is inside.
  static func clipped(_ face: Face, width: Int, height: Int) -> Face? {
    let box = face.box.intersection(Rect(x: 0, y: 0, width: Double(width), height: Double(height)))
    guard box.width > 0, box.height > 0 else { return nil }
    var clipped = face
    clipped.box = box
    return clipped
  }
}
