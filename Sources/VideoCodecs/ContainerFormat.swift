/// The containers FaceGuard reads and writes videos in: the output is written in the input's own
/// container, so every stream it holds fits.
public enum ContainerFormat: String, Sendable, CaseIterable {
  /// MPEG-4 and QuickTime (`.mp4`, `.m4v`, `.mov`).
  case mp4
  /// Matroska and WebM (`.mkv`, `.webm`).
  case matroska
  /// Audio Video Interleave (`.avi`).
  case avi

  /// File name extensions of videos (lower case), used to pick up videos in folders.
  public static let videoExtensions: Set<String> = ["mp4", "m4v", "mov", "mkv", "webm", "avi"]

  /// The demuxers FFmpeg may use to open an input, as its `format_whitelist` option lists them:
  /// those of the supported containers.
  static let demuxerAllowlist = "mov,mp4,matroska,webm,avi"

  /// The container FFmpeg's demuxer `name` reads, if FaceGuard supports it.
  init?(demuxerName name: String) {
    switch name {
    case "mov,mp4,m4a,3gp,3g2,mj2": self = .mp4
    case "matroska,webm": self = .matroska
    case "avi": self = .avi
    default: return nil
    }
  }
}
