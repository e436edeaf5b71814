import FaceGuardCore
import NeuralEngine
import TestSupport
import Testing

@testable import FaceDetection

/// The checks every fully convolutional detector (CenterFace, RetinaFace) must pass, written once
/// for their test suites.
enum ConvolutionalDetectorChecks {
  /// Expects the XNNPACK and the reference runtime to find the same faces in the sample portrait
  /// shrunk to `side` x `side` pixels.
  ///
  /// - Parameter detector: the model's detector running the graph on the given runtime.
  static func runtimesAgree(
    graph: Graph, side: Int, detector: (any InferenceRuntime) -> any FaceDetector
  ) throws {
    let image = try TestImages.portrait().resized(width: side, height: side)
    let fast = try detector(XNNPACKRuntime(graph: graph)).detect(in: image, threshold: 0.3)
    let reference = try detector(ReferenceRuntime(graph: graph)).detect(in: image, threshold: 0.3)
    #expect(!fast.isEmpty)
    #expect(fast.count == reference.count)
    for (a, b) in zip(fast, reference) {
      #expect(a.box.intersectionOverUnion(b.box) > 0.98)
      #expect(abs(a.score - b.score) < 1e-3)
    }
  }

  /// Expects `detector` to find the sample portrait's face, inside the image and where it is, at
  /// each of the sizes (width, height), none of them a multiple of the network's stride.
  static func findsTheFaceAtAnySize(_ sizes: [(Int, Int)], with detector: any FaceDetector) throws {
    let portrait = try TestImages.portrait()
    for (width, height) in sizes {
      let faces = try detector.detect(
        in: portrait.resized(width: width, height: height), threshold: 0.3)
      let face = try #require(faces.first, "no face at \(width)x\(height)")
      #expect(face.box.maxX <= Double(width) && face.box.maxY <= Double(height))
      #expect(abs(face.box.midX / Double(width) - 225.0 / 512) < 0.05)
    }
  }
}
