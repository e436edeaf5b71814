import Dispatch
import Foundation

/// Ends the process cleanly on Ctrl-C (SIGINT) and SIGTERM: unfinished outputs (temporary files
/// beside their targets) are removed, so the target paths hold complete files or nothing.
public enum Interruption {
  private nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []

  /// From now on, SIGINT and SIGTERM remove the unfinished outputs, call `report` and exit with
  /// 128 plus the signal number. Call once, early.
  public static func install(report: @escaping @Sendable (Int32) -> Void) {
    for signal in [SIGINT, SIGTERM] {
      Foundation.signal(signal, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
      source.setEventHandler {
        TemporaryFile.removeUnfinished()
        report(signal)
        exit(128 + signal)
      }
      source.resume()
      sources.append(source)
    }
  }
}
