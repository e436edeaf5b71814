/// Why a video could not be read or written. Messages do not name the file; the caller adds it.
public enum VideoError: Error, Equatable, CustomStringConvertible {
  /// FFmpeg cannot read the file as a video (not a video, or an unknown container).
  case unreadable(detail: String)
  /// The file holds no video stream (audio only, or a still image).
  case noVideoStream
  /// The video stream has no frames.
  case noFrames
  /// The file ends before the video does, or its data is damaged.
  case damaged(detail: String)
  /// The video is coded in a format this FFmpeg cannot decode.
  case unsupportedCodec(String)
  /// The frame size is out of bounds.
  case tooLarge(width: Int, height: Int, limit: Int)
  /// The video is longer than the frame limit.
  case tooManyFrames(count: Int, limit: Int)
  /// The frames' timestamps cannot be kept (missing or going backwards).
  case badTimestamps(detail: String)
  /// The requested encoder is not in this FFmpeg build.
  case encoderUnavailable(String)
  /// The output container cannot hold a stream of the input.
  case streamNotSupported(index: Int, detail: String)
  /// Encoding or writing the output failed.
  case writeFailed(detail: String)

  /// A sentence a user understands.
  public var description: String {
    switch self {
    case .unreadable(let detail): "not a video FFmpeg can read (\(detail))"
    case .noVideoStream: "the file has no video stream"
    case .noFrames: "the video has no frames"
    case .damaged(let detail): "the video is damaged or cut off (\(detail))"
    case .unsupportedCodec(let name): "the video is coded as \(name), which cannot be decoded here"
    case .tooLarge(let width, let height, let limit):
      "the video is \(width)x\(height) pixels per frame, more than the limit of \(limit) pixels"
    case .tooManyFrames(let count, let limit):
      "the video has about \(count) frames, more than the limit of \(limit)"
    case .badTimestamps(let detail): "the video's timestamps cannot be kept (\(detail))"
    case .encoderUnavailable(let name): "the \(name) encoder is not available in this FFmpeg"
    case .streamNotSupported(let index, let detail):
      "stream \(index) cannot be copied into the output container (\(detail))"
    case .writeFailed(let detail): "could not write the video (\(detail))"
    }
  }
}
