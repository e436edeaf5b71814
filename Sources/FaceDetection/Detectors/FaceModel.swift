import Foundation
import NeuralEngine

/// The face detection models FaceGuard can run.
public enum FaceModel: String, Sendable, CaseIterable, Codable {
  /// CenterFace (MIT): fully convolutional, strong on small faces; the default.
  case centerface
  /// RetinaFace with a MobileNetV2 backbone (MIT): a feature pyramid trained differently from
  /// CenterFace, strong on profiles and partly hidden faces from about 20 px.
  case retinaface
  /// MediaPipe BlazeFace short range (Apache 2.0), 128 px input, made for selfies.
  case blazefaceShort = "blazeface-short"
  /// MediaPipe BlazeFace full range (Apache 2.0), 192 px input, the original MediaPipe tool's model.
  case blazefaceFull = "blazeface-full"

  /// The confidence threshold used unless the user picks another.
  public var defaultThreshold: Double {
    switch self {
    case .centerface: return CenterFace.defaultThreshold
    case .retinaface: return RetinaFace.defaultThreshold
    case .blazefaceShort: return BlazeFace.Variant.shortRange.defaultThreshold
    case .blazefaceFull: return BlazeFace.Variant.fullRange.defaultThreshold
    }
  }

  /// The files of the models folder the model reads when it runs in `precision`: its network,
  /// and its int8 calibration file when it runs on int8 (BlazeFace always runs on fp32).
  public func fileNames(precision: Precision) -> [String] {
    switch self {
    case .centerface, .retinaface:
      let network = self == .centerface ? CenterFace.modelFileName : RetinaFace.modelFileName
      return precision == .int8
        ? [network, CalibrationFile.fileName(forModel: network)] : [network]
    case .blazefaceShort: return [BlazeFace.Variant.shortRange.modelFileName]
    case .blazefaceFull: return [BlazeFace.Variant.fullRange.modelFileName]
    }
  }

  /// The model's network as its file defines it.
  ///
  /// - Throws: ``ModelStoreError`` when the file is missing, ``ModelError`` when it is not this
  ///   model.
  public func readGraph(store: ModelStore = .standard()) throws -> Graph {
    switch self {
    case .centerface:
      return try ONNXReader.read(contentsOf: store.url(for: CenterFace.modelFileName))
    case .retinaface:
      return try RetinaFace.readGraph(contentsOf: store.url(for: RetinaFace.modelFileName))
    case .blazefaceShort, .blazefaceFull:
      let variant: BlazeFace.Variant = self == .blazefaceShort ? .shortRange : .fullRange
      return try TFLiteReader.read(contentsOf: store.url(for: variant.modelFileName))
    }
  }

  /// Loads the model and prepares it to run.
  ///
  /// - Parameters:
  ///   - threads: XNNPACK worker threads; `nil` uses every core.
  ///   - precision: fp32, or int8 with the calibration file in `store` for CenterFace and
  ///     RetinaFace; the models without an int8 version run on fp32 either way.
  /// - Throws: ``CalibrationError`` when int8's calibration file is missing or stale, and the
  ///   errors of loading the model.
  public func makeDetector(
    store: ModelStore = .standard(), threads: Int? = nil, precision: Precision = .fp32
  ) throws -> any FaceDetector {
    let precision = hasInt8Version ? precision : .fp32
    switch self {
    case .centerface: return try CenterFace(store: store, threads: threads, precision: precision)
    case .retinaface: return try RetinaFace(store: store, threads: threads, precision: precision)
    case .blazefaceShort: return try BlazeFace(variant: .shortRange, store: store, threads: threads)
    case .blazefaceFull: return try BlazeFace(variant: .fullRange, store: store, threads: threads)
    }
  }

  /// A detector that follows the preset's plan, running tiles on one single-threaded lane per
  /// thread when there are several.
  ///
  /// - Parameters:
  ///   - preset: how hard to look.
  ///   - minimumFace: the smallest face height to cover; `nil` uses the preset's default.
  ///   - wholeImageSide: the long side the whole-image pass is shrunk to.
  ///   - threads: threads to use in all; `nil` uses every core.
  ///   - precision: fp32, or int8 with the calibration file in `store`.
  public func makeMultiPassDetector(
    preset: DetectionPreset, minimumFace: Double? = nil,
    wholeImageSide: Int = DetectionPreset.wholeImageSide, store: ModelStore = .standard(),
    threads: Int? = nil, precision: Precision = .fp32
  ) throws -> MultiPassDetector {
    let count = max(threads ?? ProcessInfo.processInfo.activeProcessorCount, 1)
    let whole = try makeDetector(store: store, threads: count, precision: precision)
    let lanes =
      count > 1
      ? try (0..<count).map { _ in
        try makeDetector(store: store, threads: 1, precision: precision)
      } : []
    return MultiPassDetector(
      whole: whole, lanes: lanes, preset: preset, minimumFace: minimumFace,
      wholeImageSide: wholeImageSide)
  }
}
