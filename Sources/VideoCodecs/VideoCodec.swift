/// The codecs FaceGuard re-encodes the video stream with, each through the encoders Debian's
/// FFmpeg ships.
public enum VideoCodec: String, Sendable, CaseIterable {
  /// H.264 with libx264, the default: plays everywhere.
  case h264
  /// H.265 (HEVC) with libx265.
  case h265
  /// VP9 with libvpx, the default for WebM.
  case vp9
  /// AV1 with SVT-AV1 (or libaom when SVT-AV1 is missing).
  case av1

  /// FFmpeg encoder names, preferred first.
  var encoderNames: [String] {
    switch self {
    case .h264: ["libx264"]
    case .h265: ["libx265"]
    case .vp9: ["libvpx-vp9"]
    case .av1: ["libsvtav1", "libaom-av1"]
    }
  }

  /// The codec a video in `container` is written with unless the user picks one: H.264, except
  /// in WebM, which cannot hold it.
  public static func standard(for container: ContainerFormat, extension: String) -> VideoCodec {
    container == .matroska && `extension`.lowercased() == "webm" ? .vp9 : .h264
  }

  /// The constant-quality level (CRF) that keeps the picture visually close to the input.
  public var defaultQuality: Int {
    switch self {
    case .h264: 18
    case .h265: 22
    case .vp9: 31
    case .av1: 30
    }
  }
}
