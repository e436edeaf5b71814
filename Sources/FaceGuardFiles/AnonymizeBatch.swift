import FaceGuard
import FaceGuardCore
import FaceTracking
import Foundation

/// Runs the photo and video pipelines over many files: reads each input, processes it, and
/// writes its anonymized copy where ``OutputNaming`` puts it, atomically, never over an input and
/// never over the copy of another input. A file that fails is reported and the batch goes on.
public struct AnonymizeBatch: Sendable {
  /// What one file gave.
  public struct Done: Sendable {
    /// The pipeline's result.
    public var result: Result
    /// Where the anonymized copy was written; `nil` in report-only mode.
    public var outputPath: String?
    /// The SHA-256 and size of the input as it was read; kept when the batch has a
    /// ``AnonymizeBatch/recorder``.
    public var input: FileDigest?
    /// The SHA-256 and size of the copy written; kept when the batch has a
    /// ``AnonymizeBatch/recorder``.
    public var output: FileDigest?

    /// Creates what a file gave.
    public init(
      result: Result, outputPath: String?, input: FileDigest? = nil, output: FileDigest? = nil
    ) {
      self.result = result
      self.outputPath = outputPath
      self.input = input
      self.output = output
    }
  }

  /// A photo's or a video's result.
  public enum Result: Sendable {
    /// A photo's (its `output` bytes are written, then dropped from here).
    case photo(PhotoResult)
    /// A video's.
    case video(VideoResult)
    /// Nothing: the file's output was already there, written by an earlier run, and
    /// ``AnonymizeBatch/skipExisting`` leaves it as it is.
    case skipped

    /// Whether the file was skipped.
    public var isSkipped: Bool {
      if case .skipped = self { return true }
      return false
    }
  }

  /// What a video's progress is reported with.
  public typealias VideoProgress = @Sendable (InputFile, VideoPipeline.Progress) -> Void

  /// Told what each processed file gave, with the digests of its input and output, before its
  /// output is renamed into place (when it throws, the output is not kept and the file fails with
  /// its error), and told each failure. Files left alone by ``skipExisting`` are not told. Called
  /// from the worker threads.
  public typealias Recorder = @Sendable (InputFile, Swift.Result<Done, FileFailure>) throws -> Void

  /// Processes each photo.
  public let photos: PhotoPipeline
  /// Processes each video; `nil` when the run takes photos only.
  public let videos: VideoPipeline?
  /// Tracks a person edited, hidden in the (only) video instead of detecting.
  public let videoTracks: [Track]?
  /// Where outputs go.
  public let naming: OutputNaming
  /// How many files are processed at once.
  public let jobs: Int
  /// Whether a file whose output already exists is left alone instead of processed again: how an
  /// interrupted batch is finished. Outputs are only ever renamed into place complete, so an
  /// existing one is a finished one.
  public let skipExisting: Bool
  /// Told about every file processed or failed (the audit log); `nil` when nobody listens, and
  /// then no digests are computed.
  public let recorder: Recorder?

  /// Creates a batch.
  public init(
    photos: PhotoPipeline, videos: VideoPipeline? = nil, videoTracks: [Track]? = nil,
    naming: OutputNaming, jobs: Int, skipExisting: Bool = false, recorder: Recorder? = nil
  ) {
    self.photos = photos
    self.videos = videos
    self.videoTracks = videoTracks
    self.naming = naming
    self.jobs = jobs
    self.skipExisting = skipExisting
    self.recorder = recorder
  }

  /// Processes every file and returns the outcomes in input order.
  ///
  /// First removes what runs killed before they could clean up left in the output folders
  /// (temporary files no running process holds).
  ///
  /// - Parameters:
  ///   - tally: counts the files as they finish.
  ///   - finished: called after each file (from any thread) with the number done so far.
  ///   - videoProgress: called as a video's frames are done.
  public func run(
    _ files: [InputFile], tally: BatchTally = BatchTally(),
    finished: @Sendable (_ done: Int, _ file: InputFile) -> Void = { _, _ in },
    videoProgress: VideoProgress = { _, _ in }
  ) -> [Swift.Result<Done, FileFailure>] {
    let folders = Set(
      files.map { naming.outputURL(for: $0, fileExtension: "").deletingLastPathComponent().path })
    for folder in folders.sorted() { TemporaryFile.removeAbandoned(in: folder) }
    let inputs = files.map(\.url)
    let claims = OutputClaims()
    return BatchRunner(jobs: jobs).run(
      files,
      work: { file in
        do {
          let done =
            switch file.kind {
            case .photo: try photo(file, claims: claims, protecting: inputs)
            case .video:
              try video(file, claims: claims, protecting: inputs, progress: videoProgress)
            }
          tally.record(.success(done))
          return done
        } catch {
          var failure =
            error as? FileFailure ?? FileFailure(path: file.displayPath, reason: "\(error)")
          do {
            try recorder?(file, .failure(failure))
          } catch let unrecorded {
            failure.reason += " (nor could the failure be recorded: \(unrecorded))"
          }
          tally.record(.failure(failure))
          throw failure
        }
      }, finished: finished)
  }

  /// The output an earlier run wrote for `file` at `target`, when ``skipExisting`` says to keep
  /// it.
  private func existing(_ target: URL, for file: InputFile, claims: OutputClaims) throws -> Done? {
    guard skipExisting, FileManager.default.fileExists(atPath: target.path) else { return nil }
    try claims.claim(target, for: file.displayPath)
    return Done(result: .skipped, outputPath: target.path)
  }

  private func photo(_ file: InputFile, claims: OutputClaims, protecting inputs: [URL]) throws
    -> Done
  {
    if skipExisting, photos.options.redaction != nil,
      let format = photos.outputFormat(ofFileStartingWith: try file.read(upTo: 64)),
      let done = try existing(
        naming.outputURL(for: file, format: format), for: file, claims: claims)
    {
      return done
    }
    let input = try file.read()
    var result = try photos.process(input)
    let inputDigest = recorder.map { _ in FileDigest(of: input) }
    guard let bytes = result.output else {
      let done = Done(result: .photo(result), outputPath: nil, input: inputDigest)
      try record(file, done)
      return done
    }
    result.output = nil
    let target = naming.outputURL(for: file, format: result.outputFormat)
    try claims.claim(target, for: file.displayPath)
    let done = Done(
      result: .photo(result), outputPath: target.path, input: inputDigest,
      output: recorder.map { _ in FileDigest(of: bytes) })
    do {
      try AtomicFileWriter.write(bytes, to: target, protecting: inputs) {
        try record(file, done)
      }
    } catch let failure as FileFailure {
      throw failure
    } catch {
      throw FileFailure(path: file.displayPath, reason: "\(error)")
    }
    return done
  }

  /// Tells the recorder, if there is one, that `file` gave `done`.
  ///
  /// - Throws: a ``FileFailure`` for the file when the recorder fails.
  private func record(_ file: InputFile, _ done: Done) throws(FileFailure) {
    do {
      try recorder?(file, .success(done))
    } catch {
      throw FileFailure(path: file.displayPath, reason: "not written: \(error)")
    }
  }

  private func video(
    _ file: InputFile, claims: OutputClaims, protecting inputs: [URL], progress: VideoProgress
  ) throws -> Done {
    guard let videos else {
      throw FileFailure(path: file.displayPath, reason: "videos are not processed by this command")
    }
    do {
      guard videos.options.redaction != nil else {
        let inputDigest = try recorder.map { _ in try FileDigest(contentsOfFile: file.url.path) }
        let result = try videos.process(file.url.path, to: "", named: "", tracks: videoTracks) {
          progress(file, $0)
        }
        let done = Done(result: .video(result), outputPath: nil, input: inputDigest)
        try record(file, done)
        return done
      }
      let target = naming.outputURL(for: file, fileExtension: file.url.pathExtension)
      if let done = try existing(target, for: file, claims: claims) { return done }
      try claims.claim(target, for: file.displayPath)
      let inputDigest = try recorder.map { _ in try FileDigest(contentsOfFile: file.url.path) }
      return try AtomicFileWriter.write(to: target, protecting: inputs) { temporary in
        let result = try videos.process(
          file.url.path, to: temporary, named: target.lastPathComponent, tracks: videoTracks
        ) { progress(file, $0) }
        let done = Done(
          result: .video(result), outputPath: target.path, input: inputDigest,
          output: try recorder.map { _ in try FileDigest(contentsOfFile: temporary) })
        try record(file, done)
        return done
      }
    } catch let failure as FileFailure {
      throw failure
    } catch {
      throw FileFailure(path: file.displayPath, reason: "\(error)")
    }
  }
}
