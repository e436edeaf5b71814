import FaceGuardCore
import Foundation
import NeuralEngine
import TestSupport
import Testing

@testable import FaceDetection

/// MediaPipe's BlazeFace models load through the TFLite reader and run on both runtimes; their
/// detector (anchors and decoding) comes with the recall work.
@Suite struct BlazeFaceModelTests {
  @Test(arguments: [
    ("face_detection_short_range.tflite", 128, 896),
    ("face_detection_full_range_sparse.tflite", 192, 2304),
  ])
  func modelSeesTheSampleFaceOnBothRuntimes(file: String, size: Int, anchors: Int) throws {
    let graph = try TFLiteReader.read(contentsOf: ModelFiles.url(file))
    let portrait = try TestImages.portrait()
    let input = Self.normalizedInput(portrait.resized(width: size, height: size))
    let fast = try XNNPACKRuntime(graph: graph).run([input])
    let reference = try ReferenceRuntime(graph: graph).run([input])
    #expect(fast.map(\.shape).contains([1, anchors, 16]))
    #expect(fast.map(\.shape).contains([1, anchors, 1]))
    for (a, b) in zip(fast, reference) {
      #expect(a.shape == b.shape)
      let difference = zip(a.data, b.data).map { abs($0 - $1) }.max() ?? .infinity
      #expect(difference < 1e-2, "outputs differ by \(difference)")
    }
    let logits = try #require(fast.first { $0.shape == [1, anchors, 1] })
    let best = 1 / (1 + exp(-(logits.data.max() ?? -.infinity)))
    #expect(best > 0.7, "best face confidence \(best)")
    let blank = try XNNPACKRuntime(graph: graph).run([
      Tensor(shape: [1, size, size, 3], repeating: 0)
    ])
    let blankLogits = try #require(blank.first { $0.shape == [1, anchors, 1] })
    #expect(1 / (1 + exp(-(blankLogits.data.max() ?? .infinity))) < 0.5)
  }

  /// RGB scaled to -1...1, as MediaPipe feeds BlazeFace.
  static func normalizedInput(_ image: Image) -> Tensor {
    var data: [Float] = []
    data.reserveCapacity(image.width * image.height * 3)
    for pixel in 0..<(image.width * image.height) {
      for channel in 0..<3 {
        data.append(Float(image.pixels[pixel * image.channels + channel]) / 127.5 - 1)
      }
    }
    return Tensor(shape: [1, image.height, image.width, 3], data: data)
  }
}
