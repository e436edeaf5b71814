import ArgumentParser
import FaceGuard
import FaceGuardFiles
import FaceTracking
import Foundation
import Synchronization

/// Everything the anonymizing commands take, and the run they share: photos and videos found in
/// the paths go through their pipelines, outputs are written beside the inputs or under `-o`.
struct AnonymizeArguments: ParsableArguments {
  @OptionGroup var detection: DetectorOptions

  @OptionGroup var photo: PhotoOptions

  @OptionGroup var video: VideoArguments

  @OptionGroup var batch: BatchOptions

  @Option(name: .shortAndLong, help: "Write outputs under this folder, mirroring the input tree.")
  var output: String?

  @Option(help: "Write a JSON report of every file (faces, boxes, scores, timings) here.")
  var report: String?

  @Option(
    help: ArgumentHelp(
      """
      Append one JSON line per file processed or failed to this audit log (created if missing): \
      time, input and output paths with their SHA-256 and size, detector, preset, threshold, \
      style, faces hidden, metadata removed (names only), watermark, model file hashes and \
      version. Each line is on the disk before its output takes its name; several runs may \
      share the file. Check outputs against it with faceguard verify.
      """, valueName: "file"))
  var audit: String?

  @Flag(
    help: """
      Leave files whose output already exists alone: finishes a batch that was interrupted \
      (outputs only ever appear complete).
      """)
  var skipExisting = false

  @Argument(help: "Photos, videos or folders (searched recursively).")
  var paths: [String]

  /// Anonymizes every file the paths name (only the videos with `videosOnly`).
  func run(videosOnly: Bool) throws {
    let tally = BatchTally()
    let total = Mutex(0)
    Interruption.install { signal in
      let counts = tally.current
      Terminal.printError(
        "faceguard: stopped by signal \(signal) after \(counts.finished) of "
          + "\(total.withLock { $0 }) files (\(counts.processed) done, \(counts.skipped) already "
          + "there, \(counts.failed) failed); unfinished outputs removed; run the same command "
          + "with --skip-existing to do the rest")
    }
    let outputFolder = output.map { URL(fileURLWithPath: $0, isDirectory: true) }
    var (files, pathErrors) = InputFiles.collect(paths, excluding: outputFolder)
    var entries: [AnonymizeReport.FileEntry] = []
    if videosOnly {
      let given = Set(paths)
      for photo in files where photo.kind == .photo && given.contains(photo.displayPath) {
        entries.append(
          .init(
            file: photo.displayPath, error: "is a photo, not a video (run faceguard without video)")
        )
      }
      files.removeAll { $0.kind == .photo }
    }
    pathErrors.forEach { Terminal.printError("faceguard: \($0)") }
    entries.forEach { Terminal.printError("faceguard: \($0.file): \($0.error ?? "")") }
    let videoCount = files.filter { $0.kind == .video }.count
    if (video.tracks != nil || video.tracksOut != nil) && videoCount != 1 {
      throw ValidationError(
        "--tracks and --tracks-out take exactly one video; \(videoCount) were given")
    }
    let (sharded, shardSummary) = batch.select(files)
    files = sharded
    let detector = try detection.settings.makeDetector()
    let photoSettings = detection.photoSettings(photo.settings)
    let videoTracks = try video.tracks.map(Self.readTracks)
    let recorder = try audit.map { path in
      try AuditRecorder(
        path: path, inputs: files, detector: detection.settings, photo: photoSettings,
        threshold: photoSettings.threshold ?? detection.settings.defaultThreshold,
        tracks: video.tracks.map { ($0, videoTracks?.count ?? 0) })
    }
    var record: AnonymizeBatch.Recorder?
    if let recorder {
      record = { file, outcome in try recorder.record(file, outcome) }
    }
    let anonymize = AnonymizeBatch(
      photos: detection.makePipeline(photo.settings, detector: detector),
      videos: VideoPipeline(
        detector: detector.covering(
          minimumFace: detection.minimumFace ?? VideoSettings.defaultMinimumFace),
        options: try video.settings.videoOptions(
          photo: photoSettings, defaultThreshold: detection.settings.defaultThreshold,
          maxPixels: detection.maxPixels)),
      videoTracks: videoTracks, naming: OutputNaming(outputFolder: outputFolder),
      jobs: batch.jobs, skipExisting: skipExisting,
      recorder: record)
    let progress = VideoProgressLine()
    let fileCount = files.count
    total.withLock { $0 = fileCount }
    let outcomes = anonymize.run(
      files, tally: tally,
      finished: { done, file in
        Terminal.progress(done: done, total: fileCount, label: file.displayPath)
      },
      videoProgress: { file, step in progress.show(step, of: file.displayPath) })
    for (file, outcome) in zip(files, outcomes) {
      switch outcome {
      case .success(let done):
        entries.append(Self.entry(file: file, done: done))
        if !Terminal.isInteractive || files.count == 1 {
          print(Self.summaryLine(file: file, done: done))
        }
        if case .video(let result) = done.result, let tracksOut = video.tracksOut {
          try AtomicFileWriter.write(
            TracksDocument(tracks: result.tracks).encoded(), to: URL(fileURLWithPath: tracksOut),
            protecting: files.map(\.url))
        }
      case .failure(let failure):
        entries.append(.init(file: file.displayPath, error: failure.reason))
        Terminal.printError("faceguard: \(failure)")
      }
    }
    pathErrors.forEach { entries.append(.init(file: $0.path, error: $0.reason)) }
    let summary = AnonymizeReport(files: entries).summary
    if let report {
      try AtomicFileWriter.write(
        AnonymizeReport(files: entries).encoded(), to: URL(fileURLWithPath: report),
        protecting: files.map(\.url))
    }
    let skipped = summary.skipped > 0 ? ", \(summary.skipped) already done" : ""
    Terminal.printError(
      "faceguard: \(shardSummary)\(summary.files) file\(summary.files == 1 ? "" : "s"), \(summary.faces) face\(summary.faces == 1 ? "" : "s") hidden\(skipped), \(summary.failures) failed"
    )
    if let recorder {
      let lines = recorder.lines
      Terminal.printError(
        "faceguard: \(lines) line\(lines == 1 ? "" : "s") appended to the audit log \(recorder.path)"
      )
    }
    if summary.failures > 0 { throw ExitCode.failure }
  }

  /// The report entry of a file that succeeded.
  private static func entry(file: InputFile, done: AnonymizeBatch.Done)
    -> AnonymizeReport.FileEntry
  {
    switch done.result {
    case .photo(let result): .init(file: file.displayPath, output: done.outputPath, result: result)
    case .video(let result): .init(file: file.displayPath, output: done.outputPath, video: result)
    case .skipped: .init(file: file.displayPath, skippedOutput: done.outputPath)
    }
  }

  /// The line printed for a file that succeeded.
  private static func summaryLine(file: InputFile, done: AnonymizeBatch.Done) -> String {
    let written = done.outputPath.map { " -> \($0)" } ?? ""
    switch done.result {
    case .photo(let result):
      let count = result.faces.count
      return "\(file.displayPath): \(count) face\(count == 1 ? "" : "s") hidden\(written)"
    case .video(let result):
      let count = result.tracks.count
      return "\(file.displayPath): \(count) face\(count == 1 ? "" : "s") followed, "
        + "\(result.redactedFrames) of \(result.frames) frames masked\(written)"
    case .skipped:
      return "\(file.displayPath): already done\(written)"
    }
  }

  /// The tracks of a tracks file.
  private static func readTracks(_ path: String) throws -> [Track] {
    let bytes: [UInt8]
    do {
      bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw ValidationError("\(path): the tracks file cannot be read")
    }
    do {
      return try TracksDocument(decoding: bytes).tracks
    } catch {
      throw ValidationError("\(path): \(error)")
    }
  }
}
