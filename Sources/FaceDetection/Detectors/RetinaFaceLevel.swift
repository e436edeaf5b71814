import FaceGuardCore
import Foundation
import NeuralEngine

/// One pyramid level of RetinaFace: its stride, anchor sizes and head nodes, and the decoding of
/// its head outputs into faces.
public struct RetinaFaceLevel: Sendable, Equatable {
  /// Image pixels per grid cell.
  public var stride: Int
  /// The side of each square anchor of a cell, in image pixels, in head channel order.
  public var anchorSizes: [Double]
  /// The head nodes of the frozen graph: face score logits (background, face per anchor), box
  /// offsets (4 per anchor) and landmark offsets (10 per anchor).
  public var headNames: [String]

  /// Scales the anchor centre offsets of boxes and landmarks.
  static let centreVariance: Float = 0.1
  /// Scales the log size offsets of boxes.
  static let sizeVariance: Float = 0.2

  /// The three levels of the MobileNetV2 RetinaFace graph, finest first.
  public static let all = [
    RetinaFaceLevel(stride: 8, anchorSizes: [16, 32], head: 0, boxNode: "conv2d"),
    RetinaFaceLevel(stride: 16, anchorSizes: [64, 128], head: 1, boxNode: "conv2d_1"),
    RetinaFaceLevel(stride: 32, anchorSizes: [256, 512], head: 2, boxNode: "conv2d_2"),
  ]

  /// A level whose heads are the `head`-th of each kind in the graph.
  private init(stride: Int, anchorSizes: [Double], head: Int, boxNode: String) {
    self.stride = stride
    self.anchorSizes = anchorSizes
    headNames = [
      "RetinaFaceModel/ClassHead_\(head)/conv2d_\(6 + head)/BiasAdd",
      "RetinaFaceModel/BboxHead_\(head)/\(boxNode)/BiasAdd",
      "RetinaFaceModel/LandmarkHead_\(head)/conv2d_\(3 + head)/BiasAdd",
    ]
  }

  /// Turns the level's three head outputs into the faces scoring above `threshold`, boxes
  /// clipped to the image (before non-maximum suppression).
  ///
  /// The score is the softmax of the two logits; an anchor of side `s` centred on its cell moves
  /// its centre by `0.1 * s` times the predicted offset and scales its sides by
  /// `exp(0.2 * offset)`, and each landmark is its centre moved by `0.1 * s` times its offset.
  func decode(
    scores: Tensor, boxes: Tensor, landmarks: Tensor, threshold: Float, imageWidth: Int,
    imageHeight: Int
  ) throws -> [Face] {
    let anchors = anchorSizes.count
    guard scores.shape.count == 4, scores.shape[3] == anchors * 2 else {
      throw ModelError.invalidShape("RetinaFace score head has shape \(scores.shape)")
    }
    let (rows, columns) = (scores.shape[1], scores.shape[2])
    guard boxes.shape == [1, rows, columns, anchors * 4],
      landmarks.shape == [1, rows, columns, anchors * 10]
    else {
      throw ModelError.invalidShape(
        "RetinaFace heads have shapes \(scores.shape), \(boxes.shape), \(landmarks.shape)")
    }
    let logitMargin = -Foundation.log(1 / max(threshold, 1e-6) - 1)
    let width = Double(imageWidth)
    let height = Double(imageHeight)
    var faces: [Face] = []
    for row in 0..<rows {
      for column in 0..<columns {
        for anchor in 0..<anchors {
          let index = (row * columns + column) * anchors + anchor
          let margin = scores.data[index * 2 + 1] - scores.data[index * 2]
          guard margin > logitMargin else { continue }
          let side = Float(anchorSizes[anchor])
          let centreX = (Float(column) + 0.5) * Float(stride)
          let centreY = (Float(row) + 0.5) * Float(stride)
          let offset = Array(boxes.data[(index * 4)..<(index * 4 + 4)])
          let boxX = centreX + offset[0] * Self.centreVariance * side
          let boxY = centreY + offset[1] * Self.centreVariance * side
          let boxWidth = side * Foundation.exp(offset[2] * Self.sizeVariance)
          let boxHeight = side * Foundation.exp(offset[3] * Self.sizeVariance)
          let left = min(max(Double(boxX - boxWidth / 2), 0), width)
          let top = min(max(Double(boxY - boxHeight / 2), 0), height)
          let right = min(max(Double(boxX + boxWidth / 2), 0), width)
          let bottom = min(max(Double(boxY + boxHeight / 2), 0), height)
          guard right > left, bottom > top else { continue }
          let points = (0..<5).map { point in
            let base = index * 10 + point * 2
            return Point(
              x: Double(centreX + landmarks.data[base] * Self.centreVariance * side),
              y: Double(centreY + landmarks.data[base + 1] * Self.centreVariance * side))
          }
          faces.append(
            Face(
              box: Rect(x: left, y: top, width: right - left, height: bottom - top),
              score: Double(1 / (1 + Foundation.exp(-margin))), landmarks: points))
        }
      }
    }
    return faces
  }
}
