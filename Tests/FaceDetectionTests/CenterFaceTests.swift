import FaceGuardCore
import Foundation
import NeuralEngine
import TestSupport
import Testing

@testable import FaceDetection

@Suite struct CenterFaceTests {
  static func graph() throws -> Graph {
    try ONNXReader.read(contentsOf: ModelFiles.url(CenterFace.modelFileName))
  }

  @Test func findsTheFaceInTheSamplePortrait() throws {
    let detector = CenterFace(runtime: XNNPACKRuntime(graph: try Self.graph()))
    let faces = try detector.detect(
      in: TestImages.portrait(), threshold: CenterFace.defaultThreshold)
    let face = try #require(faces.first)
    #expect(faces.count == 1)
    #expect(face.score > 0.8)
    // The face spans roughly x 180...270, y 60...175 in the portrait.
    #expect((200...250).contains(face.box.midX))
    #expect((95...140).contains(face.box.midY))
    #expect((90...140).contains(face.box.height))
    #expect(face.landmarks.count == 5)
    let leftEye = face.landmarks[0]
    let mouthLeft = face.landmarks[3]
    #expect(leftEye.y < mouthLeft.y)
  }

  @Test func referenceAndXNNPACKRuntimesFindTheSameFaces() throws {
    try ConvolutionalDetectorChecks.runtimesAgree(graph: Self.graph(), side: 192) {
      CenterFace(runtime: $0)
    }
  }

  @Test func anyImageSizeIsPaddedToAMultipleOf32() throws {
    try ConvolutionalDetectorChecks.findsTheFaceAtAnySize(
      [(301, 333), (256, 200), (97, 130)],
      with: CenterFace(runtime: XNNPACKRuntime(graph: Self.graph())))
  }

  @Test func inputTensorIsRedGreenBlueAndZeroPadded() {
    var image = Image(width: 33, height: 2, layout: .rgba, repeating: 0)
    image.pixels[0] = 10
    image.pixels[1] = 20
    image.pixels[2] = 30
    image.pixels[3] = 255
    let tensor = CenterFace.inputTensor(for: image)
    #expect(tensor.shape == [1, 32, 64, 3])
    #expect(Array(tensor.data[0..<3]) == [10, 20, 30])
    #expect(tensor.data[(33 * 3)...].allSatisfy { $0 == 0 })
  }

  @Test func decodingPlacesABoxFromScaleAndOffset() throws {
    var heatmap = Tensor(shape: [1, 8, 8, 1])
    var scale = Tensor(shape: [1, 8, 8, 2])
    var offset = Tensor(shape: [1, 8, 8, 2])
    let landmarks = Tensor(shape: [1, 8, 8, 10], repeating: 0.5)
    let cell = 3 * 8 + 5
    heatmap.data[cell] = 0.9
    scale.data[cell * 2] = log(5)
    scale.data[cell * 2 + 1] = log(4)
    offset.data[cell * 2] = 0.25
    offset.data[cell * 2 + 1] = -0.5
    let faces = try CenterFace.decode(
      heatmap: heatmap, scale: scale, offset: offset, landmarks: landmarks, threshold: 0.5,
      imageWidth: 32, imageHeight: 32)
    let face = try #require(faces.first)
    #expect(faces.count == 1)
    // Centre x = (5 - 0.5 + 0.5) * 4 = 20, width 16; centre y = (3 + 0.25 + 0.5) * 4 = 15, height 20.
    #expect(abs(face.box.x - 12) < 1e-4 && abs(face.box.width - 16) < 1e-4)
    #expect(abs(face.box.y - 5) < 1e-4 && abs(face.box.height - 20) < 1e-4)
    #expect(abs(face.landmarks[0].x - 20) < 1e-4 && abs(face.landmarks[0].y - 15) < 1e-4)
  }

  @Test func cellsOverThePaddingAreIgnored() throws {
    let heatmap = Tensor(shape: [1, 8, 8, 1], repeating: 0.9)
    let faces = try CenterFace.decode(
      heatmap: heatmap, scale: Tensor(shape: [1, 8, 8, 2]), offset: Tensor(shape: [1, 8, 8, 2]),
      landmarks: Tensor(shape: [1, 8, 8, 10]), threshold: 0.5, imageWidth: 10, imageHeight: 32)
    #expect(faces.count == 3 * 8)
    #expect(faces.allSatisfy { $0.box.maxX <= 10 })
  }

  @Test func nonMaximumSuppressionKeepsTheBestOfOverlappingBoxes() {
    let faces = [
      Face(box: Rect(x: 0, y: 0, width: 10, height: 10), score: 0.6),
      Face(box: Rect(x: 1, y: 1, width: 10, height: 10), score: 0.9),
      Face(box: Rect(x: 30, y: 30, width: 10, height: 10), score: 0.5),
    ]
    let kept = NonMaximumSuppression.greedy(faces, iouThreshold: 0.3)
    #expect(kept.map(\.score) == [0.9, 0.5])
  }
}
