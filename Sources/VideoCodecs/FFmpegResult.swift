import CFFmpeg

/// FFmpeg's return codes turned into Swift errors at the boundary.
enum FFmpegResult {
  /// Silences FFmpeg's own logging once: its messages would print file details and encoder
  /// statistics on the user's terminal, and every failure reaches the caller as an error anyway.
  static let silenceLogging: Void = av_log_set_level(AV_LOG_QUIET)

  /// FFmpeg's message for an error code.
  static func message(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard av_strerror(code, &buffer, buffer.count) == 0 else { return "error \(code)" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// `code` when it is not negative; otherwise the error `failure` makes of FFmpeg's message.
  @discardableResult
  static func check(_ code: Int32, _ failure: (String) -> VideoError) throws(VideoError) -> Int32 {
    guard code < 0 else { return code }
    throw failure(message(code))
  }
}
