import FaceGuardCore
import Foundation
import NeuralEngine
import TestSupport
import Testing

@testable import FaceDetection

@Suite struct BlazeFaceTests {
  /// Where the face is in the sample portrait (public-domain NASA photo of Eileen Collins, 512x512).
  static let portraitFace = Rect(x: 180, y: 60, width: 90, height: 115)

  static func detector(_ variant: BlazeFace.Variant) throws -> BlazeFace {
    try BlazeFace(variant: variant, store: ModelStore(directory: ModelFiles.directory))
  }

  @Test func shortRangeAnchorsFollowMediaPipe() {
    let anchors = BlazeFaceAnchors.generate(BlazeFace.Variant.shortRange.anchorOptions)
    #expect(anchors.count == 896)
    // Stride 8: a 16x16 grid with two anchors per cell.
    #expect(anchors[0] == BlazeFaceAnchors.Anchor(x: 0.5 / 16, y: 0.5 / 16))
    #expect(anchors[1] == anchors[0])
    #expect(anchors[2] == BlazeFaceAnchors.Anchor(x: 1.5 / 16, y: 0.5 / 16))
    #expect(anchors[511] == BlazeFaceAnchors.Anchor(x: 15.5 / 16, y: 15.5 / 16))
    // Three layers of stride 16 share an 8x8 grid with six anchors per cell.
    #expect(anchors[512] == BlazeFaceAnchors.Anchor(x: 0.5 / 8, y: 0.5 / 8))
    #expect(anchors[517] == anchors[512])
    #expect(anchors[518] == BlazeFaceAnchors.Anchor(x: 1.5 / 8, y: 0.5 / 8))
    #expect(anchors[895] == BlazeFaceAnchors.Anchor(x: 7.5 / 8, y: 7.5 / 8))
  }

  @Test func fullRangeAnchorsFollowMediaPipe() {
    let anchors = BlazeFaceAnchors.generate(BlazeFace.Variant.fullRange.anchorOptions)
    #expect(anchors.count == 2304)
    // Stride 4: a 48x48 grid with one anchor per cell.
    #expect(anchors[0] == BlazeFaceAnchors.Anchor(x: 0.5 / 48, y: 0.5 / 48))
    #expect(anchors[1] == BlazeFaceAnchors.Anchor(x: 1.5 / 48, y: 0.5 / 48))
    #expect(anchors[48] == BlazeFaceAnchors.Anchor(x: 0.5 / 48, y: 1.5 / 48))
    #expect(anchors[2303] == BlazeFaceAnchors.Anchor(x: 47.5 / 48, y: 47.5 / 48))
  }

  @Test func decodingPlacesBoxAndLandmarksRelativeToTheAnchor() throws {
    let anchors = BlazeFaceAnchors.generate(BlazeFace.Variant.shortRange.anchorOptions)
    var regressors = Tensor(shape: [1, 896, 16])
    var scores = Tensor(shape: [1, 896, 1], repeating: -5)
    // Anchor 518 is centred at (24, 8) in the 128x128 input.
    let anchor = 518
    scores.data[anchor] = 2
    let values: [Float] = [4, -2, 20, 30, -5, -6, 5, -6, 0, 0, 0, 8, -10, 0, 10, 0]
    regressors.data.replaceSubrange((anchor * 16)..<(anchor * 16 + 16), with: values)
    // A confident anchor whose box has a negative width is dropped, as MediaPipe drops it.
    scores.data[3] = 1000
    regressors.data[3 * 16 + 2] = -1
    let faces = try BlazeFace.decode(
      regressors: regressors, scores: scores, anchors: anchors, inputSize: 128, threshold: 0.5)
    let face = try #require(faces.first)
    #expect(faces.count == 1)
    #expect(abs(face.score - 1 / (1 + exp(-2))) < 1e-6)
    // Centre (24 + 4, 8 - 2) = (28, 6), size 20x30.
    #expect(face.box == Rect(x: 18, y: -9, width: 20, height: 30))
    #expect(face.landmarks.count == 6)
    #expect(face.landmarks[0] == Point(x: 19, y: 2))
    #expect(face.landmarks[3] == Point(x: 24, y: 16))
    #expect(face.landmarks[5] == Point(x: 34, y: 8))
  }

  @Test func decodingRejectsOutputsThatDoNotMatchTheAnchors() {
    let anchors = BlazeFaceAnchors.generate(BlazeFace.Variant.shortRange.anchorOptions)
    #expect(throws: ModelError.self) {
      try BlazeFace.decode(
        regressors: Tensor(shape: [1, 2304, 16]), scores: Tensor(shape: [1, 2304, 1]),
        anchors: anchors, inputSize: 128, threshold: 0.5)
    }
  }

  @Test func letterboxCentresTheImageAndMapsPointsBack() {
    var image = Image(width: 100, height: 50, layout: .rgba, repeating: 255)
    image.pixels[0] = 0
    let letterbox = BlazeFaceLetterbox(imageWidth: 100, imageHeight: 50, inputSize: 128)
    #expect(letterbox.contentWidth == 128 && letterbox.contentHeight == 64)
    #expect(letterbox.left == 0 && letterbox.top == 32)
    let tensor = letterbox.tensor(for: image)
    #expect(tensor.shape == [1, 128, 128, 3])
    #expect(tensor.data[0..<(32 * 128 * 3)].allSatisfy { $0 == -1 })
    #expect(tensor.data[(96 * 128 * 3)...].allSatisfy { $0 == -1 })
    #expect(tensor.data[32 * 128 * 3] < 0)
    #expect(tensor.data[40 * 128 * 3 + 3 * 64] == 1)
    #expect(letterbox.imagePoint(Point(x: 64, y: 64)) == Point(x: 50, y: 25))
    #expect(letterbox.imagePoint(Point(x: 128, y: 96)) == Point(x: 100, y: 50))
  }

  @Test func weightedSuppressionBlendsOverlappingFacesAndKeepsDistantOnes() throws {
    let faces = [
      Face(box: Rect(x: 100, y: 100, width: 10, height: 10), score: 0.5),
      Face(
        box: Rect(x: 2, y: 0, width: 10, height: 12), score: 0.6,
        landmarks: [Point(x: 7, y: 4)]),
      Face(
        box: Rect(x: 0, y: 0, width: 10, height: 10), score: 0.9,
        landmarks: [Point(x: 4, y: 4)]),
    ]
    let merged = WeightedNonMaximumSuppression.merge(faces, iouThreshold: 0.3)
    #expect(merged.count == 2)
    let blended = try #require(merged.first)
    #expect(blended.score == 0.9)
    // Edges: left (0 * 0.9 + 2 * 0.6) / 1.5 = 0.8, right (10 * 0.9 + 12 * 0.6) / 1.5 = 10.8,
    // bottom (10 * 0.9 + 12 * 0.6) / 1.5 = 10.8; landmark x (4 * 0.9 + 7 * 0.6) / 1.5 = 5.2.
    #expect(abs(blended.box.x - 0.8) < 1e-9 && abs(blended.box.maxX - 10.8) < 1e-9)
    #expect(abs(blended.box.y) < 1e-9 && abs(blended.box.maxY - 10.8) < 1e-9)
    #expect(blended.landmarks.count == 1)
    #expect(abs(blended.landmarks[0].x - 5.2) < 1e-9 && abs(blended.landmarks[0].y - 4) < 1e-9)
    #expect(merged[1] == faces[0])
  }

  @Test func weightedSuppressionKeepsFacesThatOverlapLittle() {
    let faces = [
      Face(box: Rect(x: 0, y: 0, width: 10, height: 10), score: 0.9),
      Face(box: Rect(x: 6, y: 0, width: 10, height: 10), score: 0.8),
    ]
    // Intersection over union 40 / 160 = 0.25.
    #expect(WeightedNonMaximumSuppression.merge(faces, iouThreshold: 0.3) == faces)
  }

  @Test(arguments: BlazeFace.Variant.allCases)
  func findsTheFaceInTheSamplePortrait(variant: BlazeFace.Variant) throws {
    let detector = try Self.detector(variant)
    #expect(detector.inputSize == variant.inputSize)
    let faces = try detector.detect(in: TestImages.portrait(), threshold: variant.defaultThreshold)
    let face = try #require(faces.first)
    #expect(faces.count == 1)
    #expect(face.score > 0.7)
    #expect(
      face.box.intersectionOverUnion(Self.portraitFace) > 0.5,
      "box \(face.box) misses the face \(Self.portraitFace)")
    #expect(face.landmarks.count == 6)
    // The subject's right eye is on the image's left, both above the mouth.
    #expect(face.landmarks[0].x < face.landmarks[1].x)
    #expect(face.landmarks[0].y < face.landmarks[3].y)
    #expect(face.landmarks.allSatisfy { face.box.scaled(by: 1.5).contains($0) })
  }

  /// The portrait pasted into a taller or wider black canvas. The short-range model is meant for
  /// faces near the camera, so its canvases are smaller: in 512x900 the face is 16 pixels tall in
  /// its 128x128 input, and it scores only 0.41 there.
  @Test(arguments: [
    (BlazeFace.Variant.shortRange, 512, 700, 0, 100),
    (BlazeFace.Variant.shortRange, 700, 512, 150, 0),
    (BlazeFace.Variant.fullRange, 512, 900, 0, 200),
    (BlazeFace.Variant.fullRange, 900, 512, 300, 0),
  ])
  func boxesMapBackFromALetterboxedInput(
    variant: BlazeFace.Variant, width: Int, height: Int, left: Int, top: Int
  ) throws {
    let portrait = try TestImages.portrait()
    var canvas = Image(width: width, height: height, layout: .rgb, repeating: 0)
    for row in 0..<portrait.height {
      for column in 0..<portrait.width {
        let source = (row * portrait.width + column) * portrait.channels
        let destination = ((top + row) * width + left + column) * 3
        canvas.pixels[destination..<(destination + 3)] = portrait.pixels[source..<(source + 3)]
      }
    }
    let detector = try Self.detector(variant)
    let faces = try detector.detect(in: canvas, threshold: variant.defaultThreshold)
    let face = try #require(faces.first)
    #expect(faces.count == 1)
    let expected = Rect(
      x: Self.portraitFace.x + Double(left), y: Self.portraitFace.y + Double(top),
      width: Self.portraitFace.width, height: Self.portraitFace.height)
    #expect(
      face.box.intersectionOverUnion(expected) > 0.5,
      "box \(face.box) misses the face \(expected)")
  }

  @Test(arguments: BlazeFace.Variant.allCases)
  func blankImageHasNoFace(variant: BlazeFace.Variant) throws {
    let detector = try Self.detector(variant)
    for value: UInt8 in [0, 128, 255] {
      let blank = Image(width: 300, height: 200, layout: .rgb, repeating: value)
      #expect(try detector.detect(in: blank, threshold: variant.defaultThreshold).isEmpty)
    }
  }

  @Test func boxesAreClippedToTheImage() throws {
    let portrait = try TestImages.portrait()
    var crop = Image(width: 130, height: 512, layout: .rgb, repeating: 0)
    for row in 0..<512 {
      for column in 0..<130 {
        let source = (row * 512 + 170 + column) * portrait.channels
        let destination = (row * 130 + column) * 3
        crop.pixels[destination..<(destination + 3)] = portrait.pixels[source..<(source + 3)]
      }
    }
    let faces = try Self.detector(.fullRange).detect(in: crop, threshold: 0.5)
    #expect(!faces.isEmpty)
    for face in faces {
      #expect(face.box.x >= 0 && face.box.y >= 0)
      #expect(face.box.maxX <= 130 && face.box.maxY <= 512)
    }
  }

  @Test func referenceAndXNNPACKRuntimesFindTheSameFaces() throws {
    let graph = try TFLiteReader.read(
      contentsOf: ModelFiles.url(BlazeFace.Variant.shortRange.modelFileName))
    let image = try TestImages.portrait()
    let fast = try BlazeFace(variant: .shortRange, runtime: XNNPACKRuntime(graph: graph))
      .detect(in: image, threshold: 0.3)
    let reference = try BlazeFace(variant: .shortRange, runtime: ReferenceRuntime(graph: graph))
      .detect(in: image, threshold: 0.3)
    #expect(!fast.isEmpty)
    #expect(fast.count == reference.count)
    for (a, b) in zip(fast, reference) {
      #expect(a.box.intersectionOverUnion(b.box) > 0.98)
      #expect(abs(a.score - b.score) < 1e-3)
    }
  }
}

extension Rect {
  /// Whether `point` lies inside (edges included).
  fileprivate func contains(_ point: Point) -> Bool {
    (x...maxX).contains(point.x) && (y...maxY).contains(point.y)
  }
}
