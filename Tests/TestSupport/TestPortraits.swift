import FaceDetection
import FaceGuardCore
import ImageCodecs

/// The seven different people of ``SamplePortraits``, decoded, for tests composed from several
/// real faces rather than copies of one.
public enum TestPortraits {
  /// Every portrait decoded, with its face box.
  public static func load() throws -> [MovingFaces.Portrait] {
    try SamplePortraits.all.map { file, face in
      MovingFaces.Portrait(image: try ImageDecoder.decode(ModelFiles.bytes(file)).image, face: face)
    }
  }
}
