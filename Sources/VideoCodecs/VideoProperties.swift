import CFFmpeg
import FaceGuardCore

/// What a video file says about its video stream, read before any frame is decoded.
public struct VideoProperties: Sendable, Equatable {
  /// The container.
  public var container: ContainerFormat
  /// Width of the stored frames in pixels.
  public var width: Int
  /// Height of the stored frames in pixels.
  public var height: Int
  /// How stored frames are turned to be shown (the stream's display matrix).
  public var orientation: Orientation
  /// The codec's short name (`h264`, `hevc`, `vp9`, ...).
  public var codecName: String
  /// Bits per sample of the decoded frames (8, 10, 12).
  public var bitDepth: Int
  /// Frames per second on average, when the file says.
  public var frameRate: Double?
  /// Duration in seconds, when the file says.
  public var duration: Double?
  /// The number of frames the container lists (MP4 and MOV do), else an estimate from the
  /// duration and frame rate, else `nil`.
  public var frameCount: Int?
  /// The number of frames the container lists (MP4 and MOV do), `nil` when it lists none.
  public var listedFrameCount: Int?
  /// The media type of every stream in file order (`video`, `audio`, `subtitle`, `data`,
  /// `attachment`).
  public var streamKinds: [String]

  /// Width of the frames as shown.
  public var uprightWidth: Int { orientation.swapsDimensions ? height : width }
  /// Height of the frames as shown.
  public var uprightHeight: Int { orientation.swapsDimensions ? width : height }

  /// The properties of `input`'s video stream.
  init(of input: MediaInput) {
    let stream = input.videoStream
    let parameters = stream.pointee.codecpar!.pointee
    container = input.container
    width = Int(parameters.width)
    height = Int(parameters.height)
    orientation = Self.orientation(of: stream)
    codecName = String(cString: avcodec_get_name(parameters.codec_id))
    let format = av_pix_fmt_desc_get(AVPixelFormat(parameters.format))
    bitDepth = format.map { Int($0.pointee.comp.0.depth) } ?? 8
    let rate = stream.pointee.avg_frame_rate
    frameRate = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : nil
    let timeBase = av_q2d(stream.pointee.time_base)
    if stream.pointee.duration > 0 {
      duration = Double(stream.pointee.duration) * timeBase
    } else if input.context.pointee.duration > 0 {
      duration = Double(input.context.pointee.duration) / Double(AV_TIME_BASE)
    }
    listedFrameCount = stream.pointee.nb_frames > 0 ? Int(stream.pointee.nb_frames) : nil
    if let listedFrameCount {
      frameCount = listedFrameCount
    } else if let duration, let frameRate {
      frameCount = Int((duration * frameRate).rounded())
    }
    streamKinds = (0..<input.streamCount).map { index in
      av_get_media_type_string(input.stream(index).pointee.codecpar!.pointee.codec_type)
        .map { String(cString: $0) } ?? "unknown"
    }
  }

  /// The orientation a stream's display matrix describes; upright when it has none or describes
  /// a turn that is not a multiple of 90 degrees.
  static func orientation(of stream: UnsafePointer<AVStream>) -> Orientation {
    guard let matrix = fg_stream_display_matrix(stream) else { return .up }
    let mirrored = Int64(matrix[0]) * Int64(matrix[4]) - Int64(matrix[1]) * Int64(matrix[3]) < 0
    var counterclockwise = av_display_rotation_get(matrix)
    guard counterclockwise.isFinite else { return .up }
    if mirrored { counterclockwise = -counterclockwise }
    let degrees = Int((-counterclockwise / 90).rounded()) * 90
    return Orientation(clockwiseTurn: degrees, mirrored: mirrored) ?? .up
  }
}
