import FaceGuardCore
import Foundation
import NeuralEngine
import TestSupport
import Testing

@testable import FaceDetection

@Suite struct RetinaFaceTests {
  static func graph() throws -> Graph {
    try RetinaFace.readGraph(contentsOf: ModelFiles.url(RetinaFace.modelFileName))
  }

  @Test func theGraphIsCutAtItsNineHeads() throws {
    let graph = try Self.graph()
    #expect(graph.inputs.count == 1)
    #expect(graph.outputs.map { graph.values[$0].name } == RetinaFaceLevel.all.flatMap(\.headNames))
    let operators = Set(graph.nodes.map(\.operation.name))
    #expect(
      operators.isSubset(of: [
        "convolution", "add", "multiply", "leaky relu", "concatenate",
        "pad", "nearest resize", "clamp",
      ]))
  }

  @Test func findsTheFaceInTheSamplePortrait() throws {
    let detector = RetinaFace(runtime: XNNPACKRuntime(graph: try Self.graph()))
    let faces = try detector.detect(
      in: TestImages.portrait(), threshold: RetinaFace.defaultThreshold)
    let face = try #require(faces.first)
    #expect(faces.count == 1)
    #expect(face.score > 0.9)
    // The face spans roughly x 180...270, y 60...175 in the portrait.
    #expect((200...250).contains(face.box.midX))
    #expect((95...140).contains(face.box.midY))
    #expect((90...140).contains(face.box.height))
    #expect(face.landmarks.count == 5)
    #expect(face.landmarks[0].y < face.landmarks[3].y)
    #expect(face.landmarks[0].x < face.landmarks[1].x)
  }

  @Test func referenceAndXNNPACKRuntimesFindTheSameFaces() throws {
    try ConvolutionalDetectorChecks.runtimesAgree(graph: Self.graph(), side: 160) {
      RetinaFace(runtime: $0)
    }
  }

  @Test func anyImageSizeIsPaddedToAMultipleOf32() throws {
    try ConvolutionalDetectorChecks.findsTheFaceAtAnySize(
      [(301, 333), (256, 200), (130, 97)],
      with: RetinaFace(runtime: XNNPACKRuntime(graph: Self.graph())))
  }

  @Test func headsDecodeIntoAnchorRelativeBoxesAndLandmarks() throws {
    let level = RetinaFaceLevel.all[0]
    var scores = Tensor(shape: [1, 2, 3, 4], repeating: 0)
    var boxes = Tensor(shape: [1, 2, 3, 8])
    var landmarks = Tensor(shape: [1, 2, 3, 20])
    // Cell (row 1, column 2), second anchor (32 px): face logit 2 above background.
    let anchor = (1 * 3 + 2) * 2 + 1
    scores.data[anchor * 2 + 1] = 2
    boxes.data.replaceSubrange(
      (anchor * 4)..<(anchor * 4 + 4), with: [1, -1, 0, Float(log(2.0)) / 0.2])
    landmarks.data[anchor * 10] = 0.5
    let faces = try level.decode(
      scores: scores, boxes: boxes, landmarks: landmarks, threshold: 0.5, imageWidth: 100,
      imageHeight: 100)
    let face = try #require(faces.first)
    #expect(faces.count == 1)
    #expect(abs(face.score - 1 / (1 + exp(-2))) < 1e-6)
    // Centre (2.5 * 8, 1.5 * 8) = (20, 12) moved by (0.1 * 32) * (1, -1); 32 wide, 64 tall.
    #expect(abs(face.box.midX - 23.2) < 1e-4)
    #expect(abs(face.box.width - 32) < 1e-4)
    #expect(abs(face.box.y - 0) < 1e-9)
    #expect(abs(face.box.maxY - (8.8 + 32)) < 1e-4)
    #expect(abs(face.landmarks[0].x - 21.6) < 1e-4)
    #expect(abs(face.landmarks[0].y - 12) < 1e-4)
  }
}
