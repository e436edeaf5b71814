import FaceGuard
import Foundation
import Synchronization

/// The progress line of the video being processed, on a terminal: pass, frames, frames per
/// second and the time left, redrawn at most five times a second.
final class VideoProgressLine: Sendable {
  private struct State {
    var started = ContinuousClock.now
    var pass = 0
    var lastDrawn = ContinuousClock.now - .seconds(1)
  }

  private let state = Mutex(State())

  /// Shows `progress` of the video `label`.
  func show(_ progress: VideoPipeline.Progress, of label: String) {
    guard Terminal.isInteractive else { return }
    let line: String? = state.withLock { state in
      let now = ContinuousClock.now
      if progress.pass != state.pass {
        state.pass = progress.pass
        state.started = now
      }
      guard now - state.lastDrawn >= .milliseconds(200) else { return nil }
      state.lastDrawn = now
      let seconds = (now - state.started).milliseconds / 1000
      let rate = seconds > 0 ? Double(progress.frames) / seconds : 0
      var text = "pass \(progress.pass)/2 frame \(progress.frames)"
      if let total = progress.totalFrames, total > 0 {
        text += "/\(total)"
        if rate > 0 {
          let left = Int(Double(max(total - progress.frames, 0)) / rate)
          text += String(format: " ETA %d:%02d", left / 60, left % 60)
        }
      }
      text += String(format: " %.1f fps", rate)
      let name = label.count > 32 ? "…" + label.suffix(31) : label
      return "\r\u{1B}[K\(text) \(name)"
    }
    if let line { FileHandle.standardError.write(Data(line.utf8)) }
  }
}
