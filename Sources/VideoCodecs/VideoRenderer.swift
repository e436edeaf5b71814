import CFFmpeg
import FaceGuardCore

/// Decides and paints what is hidden in each frame of a video being rendered, and the mark
/// stamped on all of them.
public protocol FrameRedactor {
  /// The pixels of the stored frame that hiding frame `index` (shown at `time` seconds) changes;
  /// empty when nothing is hidden in it.
  func changedAreas(frame index: Int, time: Double) -> [PixelRect]

  /// The pixels of every stored frame that the mark stamped on all frames (a watermark) changes;
  /// empty when there is none.
  var markedArea: PixelRect { get }

  /// Hides what frame `index` must not show, and stamps the mark, in `image`: the stored frame
  /// as RGB.
  func redact(_ image: inout Image, frame index: Int, time: Double)
}

/// How the anonymized copy of a video is written.
public struct VideoRenderOptions: Sendable, Equatable {
  /// The codec of the re-encoded video stream; `nil` picks H.264, or VP9 for WebM.
  public var codec: VideoCodec?
  /// The constant-quality level (CRF); `nil` uses the codec's visually close default.
  public var quality: Int?
  /// Whether the audio streams are copied (voices identify people too).
  public var keepsAudio: Bool
  /// Which metadata survives.
  public var metadata: VideoMetadataPolicy

  /// Creates options; the defaults keep every stream and strip identifying metadata.
  public init(
    codec: VideoCodec? = nil, quality: Int? = nil, keepsAudio: Bool = true,
    metadata: VideoMetadataPolicy = .stripAll
  ) {
    self.codec = codec
    self.quality = quality
    self.keepsAudio = keepsAudio
    self.metadata = metadata
  }
}

/// Writes the anonymized copy of a video: the video stream decoded, redacted where the redactor
/// says and re-encoded with every frame's timestamp kept; every other stream (audio, subtitles,
/// data, attachments) and the chapters copied packet for packet; the display rotation kept.
public enum VideoRenderer {
  /// What a render wrote.
  public struct Summary: Sendable, Equatable {
    /// Video frames written.
    public var frames: Int
    /// Frames in which something was hidden.
    public var redactedFrames: Int
    /// The codec of the video stream written.
    public var codec: VideoCodec
    /// The input streams copied unchanged, by index.
    public var copiedStreams: [Int]
    /// What of the input's metadata the copy does not carry, by name only (see
    /// ``VideoMetadataPolicy``).
    public var removedMetadata: [String]
  }

  /// Renders `inputPath` into `outputPath`, in the container `outputName` names (the file's final
  /// name; `outputPath` may be a temporary file beside it).
  ///
  /// - Parameter progress: called after each video frame with the number written so far.
  /// - Throws: ``VideoError`` on any failure; the output is then incomplete and must be removed.
  public static func render(
    _ inputPath: String, to outputPath: String, named outputName: String,
    options: VideoRenderOptions, limits: VideoLimits, redactor: any FrameRedactor,
    progress: (Int) -> Void = { _ in }
  ) throws -> Summary {
    let input = try MediaInput(path: inputPath)
    let properties = VideoProperties(of: input)
    try limits.check(properties)
    let decoder = try VideoDecoder(stream: input.videoStream)
    let output = try MediaOutput(path: outputPath, name: outputName)
    let fileExtension = outputName.split(separator: "/").last?.split(separator: ".").last
    let codec =
      options.codec
      ?? VideoCodec.standard(for: input.container, extension: String(fileExtension ?? ""))
    let encoder = try VideoEncoder(
      codec: codec, quality: options.quality ?? codec.defaultQuality, decoder: decoder,
      stream: input.videoStream, globalHeader: output.wantsGlobalHeader)
    guard output.accepts(encoder.context.pointee.codec_id) else {
      throw VideoError.streamNotSupported(
        index: input.videoIndex, detail: "\(codec.rawValue) video; choose another --video-codec")
    }
    let streams = try StreamMap(input: input, output: output, encoder: encoder, options: options)
    try output.copyChapters(of: input.context, policy: options.metadata)
    output.context.pointee.metadata = options.metadata.containerMetadata(
      input.context.pointee.metadata)
    try output.writeHeader()

    let packet = try Packet()
    let decoded = try Frame()
    let encoded = try Packet()
    let converter = FrameConverter()
    let adapter = PixelFormatAdapter(format: encoder.context.pointee.pix_fmt)
    let timeBase = input.videoStream.pointee.time_base
    let seconds = av_q2d(timeBase)
    var clock = FrameClock(limits: limits)
    var redactedFrames = 0
    let markedArea = redactor.markedArea
    func writeEncoded() throws {
      while try encoder.receive(into: encoded) {
        try output.write(encoded, to: streams.videoOutput, from: encoder.context.pointee.time_base)
      }
    }
    func encodeDecoded() throws {
      while try decoder.receive(into: decoded) {
        let frame = decoded.pointer
        let timestamp = try clock.next(frame.pointee.best_effort_timestamp, timeBase: seconds)
        let index = clock.count - 1
        let time = Double(timestamp) * seconds
        let areas = redactor.changedAreas(frame: index, time: time)
        let written = markedArea.isEmpty ? areas : areas + [markedArea]
        let outgoing = try adapter.frame(for: frame)
        if !written.isEmpty {
          var image = try converter.image(of: frame)
          redactor.redact(&image, frame: index, time: time)
          try converter.write(written, of: image, into: outgoing)
        }
        if !areas.isEmpty { redactedFrames += 1 }
        outgoing.pointee.pts = timestamp
        outgoing.pointee.pict_type = AV_PICTURE_TYPE_NONE
        try encoder.send(outgoing)
        try writeEncoded()
        progress(clock.count)
      }
    }
    while try input.read(into: packet) {
      let index = Int(packet.pointer.pointee.stream_index)
      if index == input.videoIndex {
        try decoder.send(packet)
        try encodeDecoded()
      } else if let target = streams.copied[index] {
        try output.write(packet, to: target, from: input.stream(index).pointee.time_base)
      }
    }
    try decoder.send(nil)
    try encodeDecoded()
    try clock.finish(expectedFrames: properties.listedFrameCount, duration: properties.duration)
    try encoder.send(nil)
    try writeEncoded()
    try output.finish()
    return Summary(
      frames: clock.count, redactedFrames: redactedFrames, codec: codec,
      copiedStreams: streams.copied.keys.sorted(),
      removedMetadata: options.metadata.removedItems(of: input))
  }
}
