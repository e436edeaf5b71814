import ArgumentParser
import FaceGuard
import Foundation

struct AnonymizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "anonymize",
    abstract: "Hide every face in photos (the default command).",
    discussion: """
      Each photo is written next to its input as NAME.anonymized.EXT, or under -o DIR with the \
      folder tree mirrored. Inputs are never overwritten; outputs appear complete or not at all. \
      By default only the ICC colour profile is kept: GPS, camera serials, maker notes, XMP \
      (including face-region tags) and EXIF thumbnails are removed.
      """
  )

  enum Mode: String, ExpressibleByArgument, CaseIterable {
    case blur, pixelate, solid, none
  }

  enum Shape: String, ExpressibleByArgument, CaseIterable {
    case ellipse, box
  }

  @OptionGroup var detection: DetectorOptions

  @Option(name: .shortAndLong, help: "Write outputs under this folder, mirroring the input tree.")
  var output: String?

  @Option(help: "How faces are hidden; `none` writes no images, only the report.")
  var mode: Mode = .blur

  @Option(help: "Shape of each hidden region.")
  var shape: Shape = .ellipse

  @Option(help: "Colour for --mode solid, as RRGGBB hex.")
  var color: String = "000000"

  @Option(help: "Blur radius / pixel block size multiplier (1 = default strength).")
  var strength: Double = 1

  @Option(help: "Mosaic blocks across a face for --mode pixelate (fewer is stronger).")
  var blocks: Int = RedactionOptions().pixelateBlocks

  @Option(
    name: .customLong("mask-scale"),
    help: "Enlarge each face box by this factor so hair, ears and chin are covered.")
  var maskScale: Double = RedactionOptions().maskScale

  @Option(help: "Soft edge width as a fraction of the region size (0 = hard edge).")
  var feather: Double = RedactionOptions().feather

  @Flag(name: .customLong("draw-boxes"), help: "Outline every hidden region.")
  var drawBoxes = false

  @Flag(
    name: .customLong("keep-metadata"),
    help:
      "Keep a safe subset of EXIF (dates, camera make and model, exposure); never GPS, serials, thumbnails or XMP."
  )
  var keepMetadata = false

  @Option(help: "Output format: jpeg, png or webp (default: same as input; HEIC becomes JPEG).")
  var format: ImageFormat?

  @Option(help: "JPEG/WebP quality 1-100 (default: close to the input's).")
  var quality: Int?

  @Option(help: "Photos processed at once.")
  var jobs: Int = 1

  @Option(help: "Write a JSON report of every file (faces, boxes, scores, timings) here.")
  var report: String?

  @Argument(help: "Photos or folders (searched recursively).")
  var paths: [String]

  func validate() throws {
    guard maskScale >= 1, maskScale <= 4 else {
      throw ValidationError("--mask-scale must be between 1 and 4, got \(maskScale)")
    }
    guard strength > 0 else { throw ValidationError("--strength must be positive") }
    guard blocks >= 2 else { throw ValidationError("--blocks must be at least 2") }
    guard (0...0.5).contains(feather) else {
      throw ValidationError("--feather must be between 0 and 0.5")
    }
    if let quality, !(1...100).contains(quality) {
      throw ValidationError("--quality must be between 1 and 100")
    }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    guard parsedColor != nil else {
      throw ValidationError("--color must be six hex digits like ff8800, got \(color)")
    }
    if format == .heic { throw ValidationError("--format heic is not supported for writing") }
  }

  private var parsedColor: RedactionStyle.Color? {
    guard color.count == 6, let value = UInt32(color, radix: 16) else { return nil }
    return RedactionStyle.Color(
      red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
  }

  private var redaction: RedactionOptions? {
    var options = RedactionOptions()
    switch mode {
    case .none: return nil
    case .blur: options.style = .blur
    case .pixelate: options.style = .pixelate
    case .solid:
      options.style = .solid(parsedColor ?? RedactionStyle.Color(red: 0, green: 0, blue: 0))
    }
    options.shape = shape == .box ? .box : .ellipse
    options.strength = strength
    options.pixelateBlocks = blocks
    options.maskScale = maskScale
    options.feather = feather
    options.drawBoxes = drawBoxes
    return options
  }

  func run() throws {
    let outputFolder = output.map { URL(fileURLWithPath: $0, isDirectory: true) }
    let (files, pathErrors) = InputFiles.collect(paths, excluding: outputFolder)
    pathErrors.forEach { Terminal.printError("faceguard: \($0)") }
    let pipeline = PhotoPipeline(
      detector: try detection.makeDetector(),
      options: AnonymizeOptions(
        threshold: detection.effectiveThreshold, redaction: redaction,
        metadataPolicy: keepMetadata ? .keepSafe : .stripAll, outputFormat: format,
        quality: quality, limits: detection.limits))
    let naming = OutputNaming(outputFolder: outputFolder)
    let inputs = files.map(\.url)
    let claims = OutputClaims()
    let outcomes = BatchRunner(jobs: jobs).run(
      files,
      work: { file -> (result: PhotoResult, output: String?) in
        let result = try pipeline.process(readInput(file))
        guard let bytes = result.output else { return (result, nil) }
        let target = naming.outputURL(for: file, format: result.outputFormat)
        try claims.claim(target, for: file.displayPath)
        do {
          try AtomicFileWriter.write(bytes, to: target, protecting: inputs)
        } catch {
          throw FileFailure(path: file.displayPath, reason: "\(error)")
        }
        return (result, target.path)
      },
      finished: { done, file in
        Terminal.progress(done: done, total: files.count, label: file.displayPath)
      })
    var entries: [AnonymizeReport.FileEntry] = []
    for (file, outcome) in zip(files, outcomes) {
      switch outcome {
      case .success(let done):
        entries.append(.init(file: file.displayPath, output: done.output, result: done.result))
        if !Terminal.isInteractive || files.count == 1 {
          let count = done.result.faces.count
          print(
            "\(file.displayPath): \(count) face\(count == 1 ? "" : "s") hidden"
              + (done.output.map { " -> \($0)" } ?? ""))
        }
      case .failure(let failure):
        entries.append(.init(file: file.displayPath, error: failure.reason))
        Terminal.printError("faceguard: \(failure)")
      }
    }
    pathErrors.forEach { entries.append(.init(file: $0.path, error: $0.reason)) }
    let summary = AnonymizeReport(files: entries).summary
    if let report {
      try AtomicFileWriter.write(
        AnonymizeReport(files: entries).encoded(), to: URL(fileURLWithPath: report),
        protecting: inputs)
    }
    Terminal.printError(
      "faceguard: \(summary.files) file\(summary.files == 1 ? "" : "s"), \(summary.faces) face\(summary.faces == 1 ? "" : "s") hidden, \(summary.failures) failed"
    )
    if summary.failures > 0 { throw ExitCode.failure }
  }
}

extension ImageFormat: ExpressibleByArgument {}
