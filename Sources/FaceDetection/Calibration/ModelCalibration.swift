import NeuralEngine

extension FaceModel {
  /// Whether the model has an int8 version (``Precision/int8``).
  public var hasInt8Version: Bool {
    switch self {
    case .centerface, .retinaface: true
    case .blazefaceShort, .blazefaceFull: false
    }
  }

  /// Measures the model's activations on `scenes` composed from `portraits` (fp32 on one
  /// thread, so the same portraits always give the same file) and records their int8
  /// parameters for the model file in `store`, keeping on fp32 the nodes around each activation
  /// whose int8 rounding alone costs the outputs at least ``CalibrationScene/exactValueGain`` of
  /// their int8 error (``QuantizationSensitivity``, measured on the scenes of the first scene's
  /// size, so each measured runtime compiles one plan; the first convolutions' outputs in
  /// CenterFace and RetinaFace).
  ///
  /// - Parameters:
  ///   - recipe: names `scenes` in the file; ``CalibrationScene/recipe`` for the standard ones.
  /// - Throws: ``CalibrationError/unsupportedModel(_:)`` for a model without an int8 version;
  ///   ``ModelStoreError`` or ``ModelError`` when the model cannot be read or run.
  public func calibrate(
    portraits: [CalibrationPortrait], scenes: [CalibrationScene] = CalibrationScene.standard,
    recipe: String = CalibrationScene.recipe, store: ModelStore = .standard()
  ) throws -> CalibrationFile {
    let fileName = try int8ModelFileName()
    let url = try store.url(for: fileName)
    let graph = try readGraph(store: store)
    var recorder = ActivationRangeRecorder(graph: graph)
    var inputs: [[Tensor]] = []
    for (variant, scene) in scenes.enumerated() {
      let image = scene.compose(from: portraits, variant: variant)
      inputs.append([Tensor(rgbOf: image, paddedToMultipleOf: 32)])
      try recorder.record(inputs[variant])
    }
    var quantization = recorder.quantization
    let sensitivity = try QuantizationSensitivity(
      graph: graph, quantization: quantization,
      inputs: inputs.filter { $0[0].shape == inputs[0][0].shape })
    quantization.floatNodes = Set(
      sensitivity.values.filter {
        sensitivity.error - $0.error >= CalibrationScene.exactValueGain * sensitivity.error
      }.flatMap(\.nodes))
    return CalibrationFile(
      model: fileName, modelFingerprint: try ModelFingerprint.of(contentsOf: url), recipe: recipe,
      quantization: quantization)
  }

  /// How many nodes of the model's network run on int8 values with `calibration`.
  ///
  /// - Throws: ``ModelStoreError`` or ``ModelError`` when the model cannot be read.
  public func int8NodeCount(with calibration: CalibrationFile, store: ModelStore = .standard())
    throws -> Int
  {
    XNNPACKRuntime(
      graph: try readGraph(store: store), threads: 1, quantization: calibration.quantization
    ).int8NodeCount
  }

  /// The int8 parameters `precision` needs for this model: `nil` for fp32, the calibration file
  /// in `store` for int8.
  ///
  /// - Throws: ``CalibrationError`` when int8 is asked of a model without an int8 version or its
  ///   calibration file is missing, unreadable or stale.
  public func quantization(for precision: Precision, store: ModelStore = .standard()) throws
    -> ActivationQuantization?
  {
    switch precision {
    case .fp32: return nil
    case .int8:
      return try CalibrationFile.load(forModel: try int8ModelFileName(), store: store).quantization
    }
  }

  /// The model file of a model with an int8 version, whose calibration file is named after it.
  ///
  /// - Throws: ``CalibrationError/unsupportedModel(_:)`` for a model without one.
  public func int8ModelFileName() throws -> String {
    switch self {
    case .centerface: return CenterFace.modelFileName
    case .retinaface: return RetinaFace.modelFileName
    case .blazefaceShort, .blazefaceFull: throw CalibrationError.unsupportedModel(self)
    }
  }
}
