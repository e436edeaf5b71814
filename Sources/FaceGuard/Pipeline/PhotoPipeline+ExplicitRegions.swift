extension PhotoPipeline {
  /// Processes one encoded photo, hiding exactly `regions` (in pixels of the upright image)
  /// instead of running the detector; the result's faces are those regions, each with score 1.
  ///
  /// Used when a person has reviewed the detections (added missed faces, removed false alarms).
  /// `options.threshold` is ignored; `options.redaction` `nil` hides nothing and writes no image.
  public func process(_ bytes: [UInt8], hiding regions: [Rect]) throws -> PhotoResult {
    var timings = StageTimings()
    var clock = ContinuousClock.now
    func lap() -> Double {
      let now = ContinuousClock.now
      defer { clock = now }
      return Self.milliseconds(now - clock)
    }
    let photo = try UprightPhoto(decoding: bytes, limits: options.limits)
    var image = photo.image
    timings.decode = lap()
    let faces = regions.map { Face(box: $0, score: 1) }
    let format = options.outputFormat ?? photo.format.defaultOutputFormat
    guard let redaction = options.redaction else {
      return PhotoResult(
        faces: faces, width: image.width, height: image.height, output: nil,
        outputFormat: format, timings: timings)
    }
    Redactor(options: redaction).redact(&image, regions: regions)
    timings.redact = lap()
    let encodeOptions = EncodeOptions(
      quality: options.quality ?? photo.matchedQuality,
      lossless: format == .webp && photo.format == .webp && photo.wasLossless,
      bitDepth: format == .png ? photo.sourceBitDepth : 8,
      metadata: options.metadataPolicy.sanitize(photo.metadata))
    let output = try ImageEncoder.encode(image, as: format, options: encodeOptions)
    timings.encode = lap()
    return PhotoResult(
      faces: faces, width: image.width, height: image.height, output: output,
      outputFormat: format, timings: timings)
  }
}
