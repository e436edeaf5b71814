import FaceDetection
import Foundation
import ImageCodecs

extension SamplePortraits {
  /// Every portrait decoded from `store`, for calibration and the benchmark's group photos.
  ///
  /// - Throws: ``FaceDetection/ModelStoreError`` when a photo is missing, the decoder's error when
  ///   one is damaged.
  public static func decoded(from store: ModelStore = .standard()) throws
    -> [CalibrationPortrait]
  {
    try all.map { file, face in
      let bytes = [UInt8](try Data(contentsOf: store.url(for: file)))
      return CalibrationPortrait(image: try ImageDecoder.decode(bytes).image, face: face)
    }
  }
}
