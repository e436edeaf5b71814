import FaceGuardAudit

/// Where the server records the photos its API processes (`faceguard serve --audit FILE`), and
/// the server's own part of each line: its detector, models and version. A request's style,
/// threshold and watermark are its own.
public struct ServerAudit: Sendable {
  /// The log lines are appended to.
  public let log: AuditLog
  /// The server's settings, as every line records them.
  public let settings: AuditSettings

  /// Records requests in `log` with `settings`.
  public init(log: AuditLog, settings: AuditSettings) {
    self.log = log
    self.settings = settings
  }
}
