import ArgumentParser
import FaceDetection
import FaceGuard
import FaceGuardAudit
import FaceGuardCore
import FaceGuardFiles
import Foundation
import Synchronization

/// Appends the audit line of every file a batch processes or fails (`--audit FILE`), and counts
/// them for the summary.
final class AuditRecorder: Sendable {
  /// The log's path as given.
  let path: String
  private let log: AuditLog
  private let settings: AuditSettings
  private let review: AuditRecord.Review?
  private let appended = Mutex(0)

  /// Opens the audit log at `path` for a run with these settings; `tracks` is the `--tracks` file
  /// and its track count, recorded as a person's review of the video's regions.
  ///
  /// - Throws: `ValidationError` when the log is one of the `inputs` (appending would change an
  ///   input), cannot be opened, or a model or the tracks file cannot be hashed.
  init(
    path: String, inputs: [InputFile], detector: DetectorSettings, photo: PhotoSettings,
    threshold: Double, tracks: (path: String, count: Int)?
  ) throws {
    let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    if inputs.contains(where: {
      $0.url.standardizedFileURL.resolvingSymlinksInPath().path == resolved
    }) {
      throw ValidationError("--audit \(path) is one of the inputs; choose another file")
    }
    self.path = path
    do {
      settings = try AuditSettings(detector: detector, photo: photo, threshold: threshold)
      log = try AuditLog(path: path)
      review = try tracks.map { tracks in
        AuditRecord.Review(
          source: "tracks file", regions: tracks.count,
          file: URL(fileURLWithPath: tracks.path).standardizedFileURL.path,
          fileSHA256: try FileDigest(contentsOfFile: tracks.path).sha256)
      }
    } catch {
      throw ValidationError("\(error)")
    }
  }

  /// Lines appended so far.
  var lines: Int { appended.withLock { $0 } }

  /// Appends the line of `file`'s `outcome`.
  ///
  /// - Throws: ``FaceGuardAudit/AuditLogError`` when the line cannot be written whole.
  func record(_ file: InputFile, _ outcome: Result<AnonymizeBatch.Done, FileFailure>) throws {
    try log.append(
      AuditRecord(
        file: file, outcome: outcome, settings: settings,
        review: file.kind == .video ? review : nil))
    appended.withLock { $0 += 1 }
  }
}
