import FaceGuard
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

  /// Creates a batch.
  public init(
    photos: PhotoPipeline, videos: VideoPipeline? = nil, videoTracks: [Track]? = nil,
    naming: OutputNaming, jobs: Int, skipExisting: Bool = false
  ) {
    self.photos = photos
    self.videos = videos
    self.videoTracks = videoTracks
    self.naming = naming
    self.jobs = jobs
    self.skipExisting = skipExisting
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
          tally.record(.failure(FileFailure(path: file.displayPath, reason: "\(error)")))
          throw error
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
    var result = try photos.process(file.read())
    guard let bytes = result.output else { return Done(result: .photo(result), outputPath: nil) }
    result.output = nil
    let target = naming.outputURL(for: file, format: result.outputFormat)
    try claims.claim(target, for: file.displayPath)
    do {
      try AtomicFileWriter.write(bytes, to: target, protecting: inputs)
    } catch {
      throw FileFailure(path: file.displayPath, reason: "\(error)")
    }
    return Done(result: .photo(result), outputPath: target.path)
  }

  private func video(
    _ file: InputFile, claims: OutputClaims, protecting inputs: [URL], progress: VideoProgress
  ) throws -> Done {
    guard let videos else {
      throw FileFailure(path: file.displayPath, reason: "videos are not processed by this command")
    }
    do {
      guard videos.options.redaction != nil else {
        let result = try videos.process(file.url.path, to: "", named: "", tracks: videoTracks) {
          progress(file, $0)
        }
        return Done(result: .video(result), outputPath: nil)
      }
      let target = naming.outputURL(for: file, fileExtension: file.url.pathExtension)
      if let done = try existing(target, for: file, claims: claims) { return done }
      try claims.claim(target, for: file.displayPath)
      let result = try AtomicFileWriter.write(to: target, protecting: inputs) { temporary in
        try videos.process(
          file.url.path, to: temporary, named: target.lastPathComponent, tracks: videoTracks
        ) { progress(file, $0) }
      }
      return Done(result: .video(result), outputPath: target.path)
    } catch let failure as FileFailure {
      throw failure
    } catch {
      throw FileFailure(path: file.displayPath, reason: "\(error)")
    }
  }
}
