import FaceGuardCore
import Foundation
import NeuralEngine
import TestSupport
import Testing

@testable import FaceDetection

/// int8 inference of the convolutional detectors: calibration in-process on two scenes of the
/// sample portraits, the calibration file's checks, and int8 finding what fp32 finds.
@Suite struct Int8DetectionTests {
  /// The seven sample portraits.
  static func portraits() throws -> [CalibrationPortrait] {
    try TestPortraits.load().map { CalibrationPortrait(image: $0.image, face: $0.face) }
  }

  /// A 640 tile and a whole-image pass: few enough to calibrate quickly in a debug build.
  static let scenes = [
    CalibrationScene(width: 640, height: 640, faceHeights: [40, 64, 28, 96, 20, 140]),
    CalibrationScene(width: 1024, height: 576, faceHeights: [220, 120, 60]),
  ]
  static let recipe = "test-two-scenes"

  /// The models folder of the tests.
  static var store: ModelStore { ModelStore(directory: ModelFiles.directory) }

  /// A group photo unlike the calibration scenes: other face heights, other portraits first.
  static func groupPhoto() throws -> Image {
    CalibrationScene(width: 896, height: 640, faceHeights: [110, 36, 72, 150, 50, 90])
      .compose(from: try portraits(), variant: 3)
  }

  /// Expects every face fp32 finds above 0.5 to be found by int8 with IoU above 0.8 and a score
  /// within 0.1, and int8 to find no more than one extra face.
  static func expectSameFaces(
    float: any FaceDetector, int8: any FaceDetector, in image: Image,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let expected = try float.detect(in: image, threshold: 0.5)
    let actual = try int8.detect(in: image, threshold: 0.3)
    #expect(expected.count >= 6, sourceLocation: sourceLocation)
    for face in expected {
      let match = actual.max {
        $0.box.intersectionOverUnion(face.box) < $1.box.intersectionOverUnion(face.box)
      }
      let overlap = match?.box.intersectionOverUnion(face.box) ?? 0
      #expect(
        overlap > 0.8, "fp32 face \(face.box) has int8 match \(String(describing: match))",
        sourceLocation: sourceLocation)
      #expect(
        abs((match?.score ?? 0) - face.score) < 0.1,
        "fp32 score \(face.score), int8 \(match?.score ?? 0)", sourceLocation: sourceLocation)
    }
    #expect(
      try int8.detect(in: image, threshold: 0.5).count <= expected.count + 1,
      sourceLocation: sourceLocation)
  }

  @Test func int8CenterFaceFindsTheFacesFP32Finds() throws {
    let calibration = try FaceModel.centerface.calibrate(
      portraits: Self.portraits(), scenes: Self.scenes, recipe: Self.recipe, store: Self.store)
    let graph = try ONNXReader.read(contentsOf: ModelFiles.url(CenterFace.modelFileName))
    let int8Runtime = XNNPACKRuntime(graph: graph, quantization: calibration.quantization)
    try Self.expectSameFaces(
      float: CenterFace(runtime: XNNPACKRuntime(graph: graph)),
      int8: CenterFace(runtime: int8Runtime), in: Self.groupPhoto())
    #expect(int8Runtime.int8NodeCount > 50)
  }

  @Test func int8RetinaFaceFindsTheFacesFP32Finds() throws {
    let calibration = try FaceModel.retinaface.calibrate(
      portraits: Self.portraits(), scenes: Self.scenes, recipe: Self.recipe, store: Self.store)
    let graph = try RetinaFace.readGraph(contentsOf: ModelFiles.url(RetinaFace.modelFileName))
    let int8Runtime = XNNPACKRuntime(graph: graph, quantization: calibration.quantization)
    try Self.expectSameFaces(
      float: RetinaFace(runtime: XNNPACKRuntime(graph: graph)),
      int8: RetinaFace(runtime: int8Runtime), in: Self.groupPhoto())
    #expect(int8Runtime.int8NodeCount > 50)
  }

  /// A models folder holding links to the test models, for files the tests write.
  static func withStore(_ body: (ModelStore, TemporaryFolder) throws -> Void) throws {
    try TemporaryFolder.use { folder in
      try FileManager.default.createSymbolicLink(
        at: folder.path(CenterFace.modelFileName),
        withDestinationURL: ModelFiles.url(CenterFace.modelFileName))
      try body(ModelStore(directory: folder.url), folder)
    }
  }

  /// A small calibration of CenterFace, as recorded for the model in `store`.
  static func smallCalibration(store: ModelStore) throws -> CalibrationFile {
    try FaceModel.centerface.calibrate(
      portraits: Array(portraits().prefix(2)),
      scenes: [CalibrationScene(width: 96, height: 96, faceHeights: [40])], recipe: recipe,
      store: store)
  }

  @Test func calibrationFileRoundTrips() throws {
    try Self.withStore { store, _ in
      let calibration = try Self.smallCalibration(store: store)
      let url = try calibration.write(to: store)
      #expect(url.lastPathComponent == "centerface.int8.json")
      let loaded = try CalibrationFile.load(
        forModel: CenterFace.modelFileName, store: store, recipe: Self.recipe)
      #expect(loaded == calibration)
      #expect(!loaded.quantization.parameters.isEmpty)
    }
  }

  @Test func calibrationOfOtherWeightsIsRefusedAsStale() throws {
    try Self.withStore { store, folder in
      try Self.smallCalibration(store: store).write(to: store)
      try FileManager.default.removeItem(at: folder.path(CenterFace.modelFileName))
      var altered = try ModelFiles.bytes(CenterFace.modelFileName)
      altered[altered.count / 2] ^= 1
      _ = try folder.write(altered, to: CenterFace.modelFileName)
      #expect {
        try CalibrationFile.load(
          forModel: CenterFace.modelFileName, store: store, recipe: Self.recipe)
      } throws: { error in
        guard case .stale(let file, _) = error as? CalibrationError else { return false }
        return file == "centerface.int8.json"
      }
    }
  }

  @Test func calibrationByAnotherRecipeIsRefusedAsStale() throws {
    try Self.withStore { store, _ in
      try Self.smallCalibration(store: store).write(to: store)
      #expect {
        try CenterFace(store: store, threads: 1, precision: .int8)
      } throws: { error in
        guard case .stale(_, let reason) = error as? CalibrationError else { return false }
        return reason.contains(CalibrationScene.recipe)
      }
    }
  }

  @Test func missingCalibrationNamesTheFileAndTheCommand() throws {
    try Self.withStore { store, _ in
      do {
        _ = try FaceModel.centerface.makeDetector(store: store, threads: 1, precision: .int8)
        Issue.record("int8 without a calibration file was accepted")
      } catch let error as CalibrationError {
        #expect(error == .missing(file: "centerface.int8.json", directory: store.directory.path))
        #expect("\(error)".contains("centerface.int8.json"))
        #expect("\(error)".contains("faceguard calibrate"))
      }
    }
  }

  @Test func blazeFaceRunsOnFP32WhenInt8IsAsked() throws {
    #expect(!FaceModel.blazefaceShort.hasInt8Version)
    let detector = try FaceModel.blazefaceShort.makeDetector(
      store: Self.store, threads: 1, precision: .int8)
    #expect(detector is BlazeFace)
  }
}
