import FaceGuard
import Foundation

/// Runs the photo pipeline over many files: reads each input, processes it, and writes its
/// anonymized copy where ``OutputNaming`` puts it, atomically, never over an input and never over
/// the copy of another input. A file that fails is reported and the batch goes on.
public struct PhotoBatch: Sendable {
  /// What one file gave.
  public struct Done: Sendable {
    /// The pipeline's result (its `output` bytes are written, then dropped from here).
    public var result: PhotoResult
    /// Where the anonymized copy was written; `nil` in report-only mode.
    public var outputPath: String?
  }

  /// Processes each photo.
  public let pipeline: PhotoPipeline
  /// Where outputs go.
  public let naming: OutputNaming
  /// How many files are processed at once.
  public let jobs: Int

  /// Creates a batch.
  public init(pipeline: PhotoPipeline, naming: OutputNaming, jobs: Int) {
    self.pipeline = pipeline
    self.naming = naming
    self.jobs = jobs
  }

  /// Processes every file and returns the outcomes in input order.
  ///
  /// - Parameter finished: called after each file (from any thread) with the number done so far.
  public func run(
    _ files: [InputFile], finished: @Sendable (_ done: Int, _ file: InputFile) -> Void = { _, _ in }
  ) -> [Result<Done, FileFailure>] {
    let inputs = files.map(\.url)
    let claims = OutputClaims()
    return BatchRunner(jobs: jobs).run(
      files,
      work: { file in
        var result = try pipeline.process(file.read())
        guard let bytes = result.output else { return Done(result: result, outputPath: nil) }
        result.output = nil
        let target = naming.outputURL(for: file, format: result.outputFormat)
        try claims.claim(target, for: file.displayPath)
        do {
          try AtomicFileWriter.write(bytes, to: target, protecting: inputs)
        } catch {
          throw FileFailure(path: file.displayPath, reason: "\(error)")
        }
        return Done(result: result, outputPath: target.path)
      }, finished: finished)
  }
}
