/// The model or models that look for faces: one ``FaceModel``, or several whose findings are
/// fused (an ensemble), written with `+` between them: `centerface+retinaface`.
public struct ModelChoice: Sendable, Hashable, CustomStringConvertible {
  /// The models, the first one leading (it follows the whole plan of the preset, the others
  /// ``companionPreset``'s).
  public let models: [FaceModel]

  /// A choice of one model.
  public init(_ model: FaceModel) {
    models = [model]
  }

  /// A choice of the given models, in this order.
  ///
  /// - Precondition: at least one model, none twice.
  public init(_ models: [FaceModel]) {
    precondition(!models.isEmpty, "a model choice needs a model")
    precondition(Set(models).count == models.count, "a model choice names each model once")
    self.models = models
  }

  /// The choice a text names (`retinaface`, `centerface+retinaface`), or `nil` when a name is
  /// unknown, empty or repeated.
  public init?(_ text: String) {
    let names = text.split(separator: "+", omittingEmptySubsequences: false)
    let models = names.compactMap { FaceModel(rawValue: String($0)) }
    guard models.count == names.count, !models.isEmpty, Set(models).count == models.count else {
      return nil
    }
    self.models = models
  }

  /// The models' names joined by `+`.
  public var description: String { models.map(\.rawValue).joined(separator: "+") }

  /// The confidence threshold used unless the user picks another: the model's own for one model,
  /// the fused score's for an ensemble.
  public var defaultThreshold: Double {
    models.count == 1 ? models[0].defaultThreshold : EnsembleDetector.defaultThreshold
  }

  /// The plan the second and later models of an ensemble follow, whatever the preset: their
  /// whole-image pass, which finds the faces from about 20 px (at 1024 px wide) that the leading
  /// model scores too low. Their tiles would cost more than the leading model's own (RetinaFace's
  /// `balanced` plan takes 1.6x CenterFace's time) for faces the leading model's tiles find.
  public static let companionPreset = DetectionPreset.fast

  /// Loads the models and prepares each to follow its plan: the first the preset's, with
  /// `minimumFace`; the others ``companionPreset``'s.
  ///
  /// - Parameters:
  ///   - preset: how hard to look.
  ///   - minimumFace: the smallest face height the leading model covers; `nil` uses the preset's.
  ///   - wholeImageSide: the long side every model's whole-image pass is shrunk to.
  ///   - threads: threads each model uses; `nil` uses every core.
  ///   - precision: what every model computes in.
  public func makeDetector(
    preset: DetectionPreset, minimumFace: Double? = nil,
    wholeImageSide: Int = DetectionPreset.wholeImageSide, store: ModelStore = .standard(),
    threads: Int? = nil, precision: Precision = .fp32
  ) throws -> EnsembleDetector {
    let members = try models.enumerated().map { index, model in
      try model.makeMultiPassDetector(
        preset: index == 0 ? preset : Self.companionPreset,
        minimumFace: index == 0 ? minimumFace : nil, wholeImageSide: wholeImageSide,
        store: store, threads: threads, precision: precision)
    }
    return EnsembleDetector(members: members)
  }
}
