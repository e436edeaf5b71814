import Foundation

/// Writing to the terminal: messages on standard error, and a progress bar when it is a terminal.
enum Terminal {
  /// Whether standard error is an interactive terminal.
  static let isInteractive = isatty(STDERR_FILENO) == 1

  /// Writes one line to standard error.
  static func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Redraws the progress line (terminal only).
  static func progress(done: Int, total: Int, label: String) {
    guard isInteractive, total > 0 else { return }
    let width = 28
    let filled = width * done / total
    let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
    let name = label.count > 40 ? "…" + label.suffix(39) : label
    FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(total) \(name)".utf8))
    if done == total {
      FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
  }
}
