/// The parsers and decoders the harness fuzzes, one per `FUZZ_TARGET` value.
enum FuzzTarget: String, CaseIterable, Sendable {
  /// `ImageDecoder.decode` of JPEG files.
  case jpeg
  /// `ImageDecoder.decode` of PNG files.
  case png
  /// `ImageDecoder.decode` of WebP files.
  case webp
  /// `ImageDecoder.decode` of HEIC files.
  case heic
  /// Metadata read from any image, kept by each policy, written into every writable format
  /// and read back.
  case metadata
  /// JPEG marker segments and PNG chunks, read without decoding pixels.
  case containers
  /// `ONNXReader.read`.
  case onnx
  /// `TFLiteReader.read`.
  case tflite
  /// `TensorFlowReader.read` of a frozen `GraphDef`.
  case graphdef
  /// The server's `multipart/form-data` parser and the options of its fields.
  case multipart
  /// The server's query string decoding into photo options.
  case query
  /// `VideoFrameReader` on a file holding the input: open, streams, at most two frames.
  case video

  /// Runs `bytes` through the target; `false` when the input is not for this target.
  func run(_ bytes: [UInt8]) -> Bool {
    switch self {
    case .jpeg: ImageTargets.decode(bytes, as: .jpeg)
    case .png: ImageTargets.decode(bytes, as: .png)
    case .webp: ImageTargets.decode(bytes, as: .webp)
    case .heic: ImageTargets.decode(bytes, as: .heic)
    case .metadata: ImageTargets.metadataRoundTrip(bytes)
    case .containers: ImageTargets.containers(bytes)
    case .onnx: ModelTargets.onnx(bytes)
    case .tflite: ModelTargets.tflite(bytes)
    case .graphdef: ModelTargets.graphDef(bytes)
    case .multipart: ServerTargets.multipart(bytes)
    case .query: ServerTargets.query(bytes)
    case .video: VideoTarget.frames(bytes)
    }
  }
}

/// A property a target checks that the code under test broke: a finding, like a crash.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("fuzz check failed: \(message())") }
}
