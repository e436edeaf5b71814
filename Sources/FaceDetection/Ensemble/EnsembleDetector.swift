import FaceGuardCore

/// Finds faces with several models, each following its own plan, and fuses what they find
/// (``ModelFusion``): a face every model that covers its size finds keeps the models' mean score;
/// one that only some of them find keeps a share of it.
/// Models trained differently miss different faces (profiles, helmets, hands over a face), so the
/// ensemble finds faces no single model scores high enough, while a texture one model alone
/// mistakes for a face loses part of its score.
///
/// With one model it is that model's ``MultiPassDetector``, unchanged.
public final class EnsembleDetector: PlannedFaceDetector {
  /// The models' detectors, the leading one first.
  public let members: [MultiPassDetector]

  /// The fused score's default threshold.
  public static let defaultThreshold = 0.3
  /// Members report faces down to this fraction of the threshold, so that a face two models
  /// agree on can reach it when one of them is unsure.
  static let memberThresholdFactor = 0.5
  /// The overlap above which faces two models found are one face (measured on the WIDER dev
  /// split: 0.3 and 0.4 within 0.001 of each other).
  static let mergeThreshold = 0.4
  /// The share of the other models' mean score that a model which covers a face's size but
  /// missed it adds to the fused score: with two models a lone sighting keeps 70 % of its score
  /// (measured on the WIDER dev split against 0, 0.2 and 0.6).
  static let missedModelCredit = 0.4

  /// Creates an ensemble of the given detectors.
  ///
  /// - Precondition: at least one detector.
  public init(members: [MultiPassDetector]) {
    precondition(!members.isEmpty, "an ensemble needs a detector")
    self.members = members
  }

  /// The leading model's profile.
  public var profile: DetectorProfile { members[0].profile }

  /// The same models with the leading one covering faces down to `minimumFace`.
  public func covering(minimumFace: Double?) -> EnsembleDetector {
    EnsembleDetector(
      members: [members[0].covering(minimumFace: minimumFace)] + members.dropFirst())
  }

  public func detect(in image: Image, threshold: Double) throws -> [Face] {
    try detect(in: image, threshold: threshold, rotation: .everyTile)
  }

  public func detect(in image: Image, threshold: Double, rotation: TileRotation) throws -> [Face] {
    guard members.count > 1 else {
      return try members[0].detect(in: image, threshold: threshold, rotation: rotation)
    }
    let copies = ScaledCopies(of: image)
    let searches = try SearchGate.run {
      try members.map {
        try $0.search(
          in: copies, threshold: threshold * Self.memberThresholdFactor, rotation: rotation)
      }
    }
    let sightings = searches.enumerated().flatMap { model, search in
      search.faces.map { ViewFusion.Sighting(face: $0, view: model) }
    }
    let fused = ModelFusion.fuse(
      sightings, iouThreshold: Self.mergeThreshold, missedModelCredit: Self.missedModelCredit
    ) { box in
      Set(searches.indices.filter { searches[$0].covers(box) })
    }
    return fused.filter { $0.score >= threshold }
  }
}
