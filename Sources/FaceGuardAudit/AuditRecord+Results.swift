import FaceGuard
import FaceGuardCore
import FaceGuardFiles
import Foundation

extension AuditRecord {
  /// The line of one file of a batch: what `outcome` gave for `file`, with `review` when the
  /// regions hidden in a video were a person's (`--tracks`). A failed file's input is hashed
  /// from its path when it can be read.
  public init(
    file: InputFile, outcome: Result<AnonymizeBatch.Done, FileFailure>, settings: AuditSettings,
    review: Review? = nil
  ) {
    self.init(settings: settings)
    input = file.url.standardizedFileURL.path
    switch outcome {
    case .success(let done):
      inputDigest = done.input
      output = done.outputPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
      outputDigest = done.output
      switch done.result {
      case .photo(let result): describe(result, written: done.outputPath != nil)
      case .video(let result):
        frames = result.frames
        if done.outputPath != nil {
          facesHidden = result.tracks.count
          maskedFrames = result.redactedFrames
          metadataRemoved = result.removedMetadata
          self.review = review
        } else {
          facesFound = result.tracks.count
        }
      case .skipped: break
      }
    case .failure(let failure):
      status = .failed
      error = failure.reason
      inputDigest = try? FileDigest(contentsOfFile: file.url.path)
    }
  }

  /// The line of an API request from `client` that uploaded a photo with `upload`'s digest and
  /// gave `result` (the error's message when it failed), with `review` when the request named the
  /// regions to hide.
  public init(
    request: String, client: String?, upload: FileDigest, result: Result<PhotoResult, any Error>,
    settings: AuditSettings, review: Review? = nil
  ) {
    self.init(settings: settings)
    self.request = request
    self.client = client
    inputDigest = upload
    switch result {
    case .success(let photo):
      describe(photo, written: photo.output != nil)
      outputDigest = photo.output.map { FileDigest(of: $0) }
      if photo.output != nil { self.review = review }
    case .failure(let failure):
      status = .failed
      error = "\(failure)"
    }
  }

  /// Fills in what a photo's `result` says: the faces hidden and the metadata removed when an
  /// output was `written`, the faces found when not.
  private mutating func describe(_ result: PhotoResult, written: Bool) {
    if written {
      facesHidden = result.faces.count
      metadataRemoved = result.removedMetadata
    } else {
      facesFound = result.faces.count
    }
  }
}
