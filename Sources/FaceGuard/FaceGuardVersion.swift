/// The version of FaceGuard, as `faceguard --version` prints it and every audit log line records
/// it.
public enum FaceGuardVersion {
  /// The current version.
  public static let current = "0.1.0"
}
