import FaceDetection
import FaceGuard
import FaceGuardAudit
import FaceGuardCore
import Foundation
import TestSupport

/// Audit settings made from stand-in model files, so no real model is hashed.
enum AuditTestSupport {
  /// The stand-in bytes of each model file.
  static let modelBytes: [String: [UInt8]] = [
    "centerface.onnx": Array("not really CenterFace".utf8),
    "centerface.int8.json": Array("{\"calibration\": 1}".utf8),
    "retinaface.pb": Array("not really RetinaFace".utf8),
    "retinaface.int8.json": Array("{\"calibration\": 2}".utf8),
  ]

  /// The settings of the default detector and `photo`, with the stand-in models in `folder`.
  static func settings(in folder: TemporaryFolder, photo: PhotoSettings = PhotoSettings()) throws
    -> AuditSettings
  {
    for (name, bytes) in modelBytes { try folder.write(bytes, to: "models/" + name) }
    return try AuditSettings(
      detector: DetectorSettings(), photo: photo, threshold: 0.3,
      store: ModelStore(directory: folder.path("models")))
  }
}
