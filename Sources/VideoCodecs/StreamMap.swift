import CFFmpeg

/// Which output stream each input stream becomes: the re-encoded video stream, the streams copied
/// unchanged, and the streams left out (audio with `--no-audio`, telemetry and cover pictures
/// under the strict metadata policy).
struct StreamMap {
  /// The output index of the re-encoded video stream.
  let videoOutput: Int
  /// Output index by input index, for the streams copied unchanged.
  let copied: [Int: Int]

  /// Creates the output streams of `output` for `input`'s streams.
  ///
  /// - Throws: ``VideoError/streamNotSupported(index:detail:)`` for a second video stream (it
  ///   would show faces unhidden) or a stream the container cannot hold.
  init(input: MediaInput, output: MediaOutput, encoder: VideoEncoder, options: VideoRenderOptions)
    throws(VideoError)
  {
    var copied: [Int: Int] = [:]
    var videoOutput = -1
    for index in 0..<input.streamCount {
      let source = input.stream(index)
      let parameters = source.pointee.codecpar!.pointee
      if index == input.videoIndex {
        videoOutput = try Self.addVideo(
          from: source, encoder: encoder, to: output, options: options)
        continue
      }
      let isCoverPicture = source.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0
      switch parameters.codec_type {
      case AVMEDIA_TYPE_VIDEO where isCoverPicture:
        continue
      case AVMEDIA_TYPE_VIDEO:
        throw .streamNotSupported(
          index: index, detail: "a second video stream, which would show faces unhidden")
      case AVMEDIA_TYPE_AUDIO where !options.keepsAudio:
        continue
      case AVMEDIA_TYPE_DATA where !options.metadata.keepsDataStream(tag: parameters.codec_tag):
        continue
      default:
        break
      }
      if output.refuses(parameters.codec_id) && parameters.codec_type != AVMEDIA_TYPE_ATTACHMENT {
        throw .streamNotSupported(
          index: index, detail: String(cString: avcodec_get_name(parameters.codec_id)))
      }
      let stream = try output.addStream()
      try FFmpegResult.check(
        avcodec_parameters_copy(stream.pointee.codecpar, source.pointee.codecpar)
      ) {
        .writeFailed(detail: $0)
      }
      stream.pointee.codecpar!.pointee.codec_tag = output.copiedTag(
        parameters.codec_tag, for: parameters.codec_id)
      Self.describe(stream, like: source, options: options)
      copied[index] = Int(stream.pointee.index)
    }
    self.videoOutput = videoOutput
    self.copied = copied
  }

  /// Adds the output stream of the re-encoded video and returns its index.
  private static func addVideo(
    from source: UnsafeMutablePointer<AVStream>, encoder: VideoEncoder, to output: MediaOutput,
    options: VideoRenderOptions
  ) throws(VideoError) -> Int {
    let stream = try output.addStream()
    try FFmpegResult.check(
      avcodec_parameters_from_context(stream.pointee.codecpar, encoder.context)
    ) {
      .writeFailed(detail: $0)
    }
    describe(stream, like: source, options: options)
    if let matrix = fg_stream_display_matrix(source) {
      try FFmpegResult.check(fg_stream_set_display_matrix(stream, matrix)) {
        .writeFailed(detail: $0)
      }
    }
    return Int(stream.pointee.index)
  }

  /// Gives `stream` the time base, frame rates (a timecode track needs them), disposition and
  /// kept tags of `source`.
  private static func describe(
    _ stream: UnsafeMutablePointer<AVStream>, like source: UnsafePointer<AVStream>,
    options: VideoRenderOptions
  ) {
    stream.pointee.time_base = source.pointee.time_base
    stream.pointee.avg_frame_rate = source.pointee.avg_frame_rate
    stream.pointee.r_frame_rate = source.pointee.r_frame_rate
    stream.pointee.disposition = source.pointee.disposition
    stream.pointee.metadata = options.metadata.streamMetadata(source.pointee.metadata)
  }
}
