import FaceDetection
import FaceGuardCore
import Foundation
import ImageCodecs

/// The photos of seven different people that `scripts/setup.sh` fetches into the models folder,
/// with their face boxes (CenterFace's, at each photo's own size): what int8 calibration composes
/// its scenes from.
public enum SamplePortraits {
  /// File names in the models folder, and face boxes.
  public static let files: [(name: String, face: Rect)] = [
    ("astronaut.png", Rect(x: 181, y: 58, width: 88, height: 119)),
    ("portraits/camera.png", Rect(x: 202, y: 118, width: 55, height: 78)),
    ("portraits/grace_hopper.jpg", Rect(x: 173, y: 127, width: 185, height: 207)),
    ("portraits/obama.jpg", Rect(x: 374, y: 107, width: 228, height: 310)),
    ("portraits/biden.jpg", Rect(x: 431, y: 171, width: 267, height: 379)),
    ("portraits/luispedro.jpg", Rect(x: 36, y: 74, width: 186, height: 248)),
    ("portraits/justin.jpg", Rect(x: 99, y: 80, width: 170, height: 211)),
  ]

  /// Every portrait decoded from `store`.
  ///
  /// - Throws: ``FaceDetection/ModelStoreError`` when a photo is missing, the decoder's error when
  ///   one is damaged.
  public static func load(from store: ModelStore = .standard()) throws -> [CalibrationPortrait] {
    try files.map { name, face in
      let bytes = [UInt8](try Data(contentsOf: store.url(for: name)))
      return CalibrationPortrait(image: try ImageDecoder.decode(bytes).image, face: face)
    }
  }
}
