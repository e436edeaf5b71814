import ArgumentParser
import FaceDetection
import FaceGuard
import FaceGuardCore
import FaceGuardFiles
import Foundation
import ImageCodecs

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure where the time goes, against the JPEG decode+encode floor.",
    discussion: """
      Without paths, composes a 1920x1080 and a 3840x2160 JPEG group photo in memory from the \
      seven sample portraits (models/), with faces from 20 to 300 px, a third of them 20-24 px. For each photo \
      it reports the median milliseconds of decode, detect, redact and encode over --runs runs, \
      and the ratio of the whole to the libjpeg-turbo decode+encode floor measured in the same \
      run, and the processor time over the wall time of those runs (2 when both of two cores \
      worked throughout). Then it times each model's network alone on a 640x640 tile (or its \
      fixed input) and reports the multiply-accumulates per second it achieves, against XNNPACK's \
      own large matrix multiply on as many threads, the machine's practical peak. --detect-only times one pass of the model alone at each image's own size (one warm-up \
      run per image first) and can write the timings as JSON for scripts/bench_detect.py.
      """
  )

  @OptionGroup var detection: DetectorOptions

  @Option(help: "Timed runs per photo (the median is reported).")
  var runs: Int = 5

  @Flag(name: .customLong("detect-only"), help: "Time detection alone on each photo.")
  var detectOnly = false

  @Option(name: .customLong("json-out"), help: "With --detect-only: write per-image timings here.")
  var jsonOut: String?

  @Option(
    name: .customLong("save-samples"),
    help:
      "Also write the composed group photos, and NAME.faces.json with where their faces are, into this folder."
  )
  var saveSamples: String?

  @Argument(help: "JPEG photos to measure (default: two composed group photos).")
  var paths: [String] = []

  func validate() throws {
    guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    if detectOnly, detection.settings.models.models.count > 1 {
      throw ValidationError(
        "--detect-only times one model; --model \(detection.settings.models) names several")
    }
  }

  func run() throws {
    if detectOnly {
      try timeDetection(
        detection.settings.models.models[0].makeDetector(
          threads: detection.threads, precision: detection.settings.precision))
      return
    }
    let photos: [GroupPhoto.Sample]
    if paths.isEmpty {
      photos = try GroupPhoto.composedSamples()
      if let saveSamples {
        let folder = URL(fileURLWithPath: saveSamples, isDirectory: true)
        for photo in photos {
          try AtomicFileWriter.write(photo.bytes, to: folder.appendingPathComponent(photo.name))
          let placed = DetectionReport(images: [
            .init(
              file: photo.name,
              faces: photo.faces.map { FaceBox(Face(box: $0, score: 1)) })
          ])
          try AtomicFileWriter.write(
            placed.encoded(), to: folder.appendingPathComponent(photo.name + ".faces.json"))
        }
      }
    } else {
      photos = try paths.map {
        GroupPhoto.Sample(
          name: $0, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: $0))), faces: [])
      }
    }
    let pipeline = try detection.makePipeline(PhotoSettings())
    print(
      "model \(detection.settings.models), preset \(detection.preset.rawValue): median of \(runs) "
        + "runs in milliseconds; floor = libjpeg-turbo decode + encode; found = placed faces found")
    print(
      "photo                       size       faces  found  decode  detect  redact  encode   total   floor  total/floor  cpu/wall"
    )
    for photo in photos {
      let floor = try median(runs) {
        let start = ContinuousClock.now
        let decoded = try ImageDecoder.decode(photo.bytes, limits: detection.settings.limits)
        _ = try ImageEncoder.encode(
          decoded.image, as: .jpeg,
          options: EncodeOptions(
            quality: decoded.estimatedJPEGQuality ?? AnonymizeOptions.defaultQuality))
        return (ContinuousClock.now - start).milliseconds
      }
      _ = try pipeline.process(photo.bytes)
      var results: [PhotoResult] = []
      let wallStart = ContinuousClock.now
      let processorStart = ProcessorTime.used()
      for _ in 0..<runs { results.append(try pipeline.process(photo.bytes)) }
      let busy =
        (ProcessorTime.used() - processorStart)
        / ((ContinuousClock.now - wallStart).milliseconds / 1000)
      func stage(_ key: KeyPath<StageTimings, Double>) -> Double {
        results.map { $0.timings[keyPath: key] }.sorted()[runs / 2]
      }
      let total = stage(\.total)
      let first = results[0]
      let found = photo.faces.filter { truth in
        first.faces.contains { $0.box.intersectionOverUnion(truth) > 0.3 }
      }.count
      let placed = photo.faces.isEmpty ? "-" : "\(found)/\(photo.faces.count)"
      print(
        String(
          format: "%-26@ %5dx%-5d %5d %6@ %7.1f %7.1f %7.1f %7.1f %7.1f %7.1f %8.2fx %9.2f",
          String(photo.name.suffix(26)) as NSString, first.width, first.height, first.faces.count,
          placed as NSString,
          stage(\.decode), stage(\.detect), stage(\.redact), stage(\.encode), total, floor,
          total / floor, busy))
    }
    print()
    try NetworkRate.report(
      models: detection.settings.models.models,
      threads: detection.threads ?? ProcessInfo.processInfo.activeProcessorCount, runs: runs)
  }

  private func timeDetection(_ detector: any FaceDetector) throws {
    let (files, errors) = InputFiles.collect(paths)
    errors.forEach { Terminal.printError("faceguard: \($0)") }
    struct Timing: Codable {
      var file: String
      var width: Int
      var height: Int
      var ms: Double
    }
    var timings: [Timing] = []
    for (index, file) in files.enumerated() {
      let photo = try UprightPhoto(decoding: file.read(), limits: detection.settings.limits)
      _ = try detector.detect(in: photo.image, threshold: detection.effectiveThreshold)
      let milliseconds = try median(runs) {
        let start = ContinuousClock.now
        _ = try detector.detect(in: photo.image, threshold: detection.effectiveThreshold)
        return (ContinuousClock.now - start).milliseconds
      }
      timings.append(
        Timing(
          file: file.displayPath, width: photo.image.width, height: photo.image.height,
          ms: milliseconds))
      Terminal.progress(done: index + 1, total: files.count, label: file.displayPath)
    }
    let mean = timings.map(\.ms).reduce(0, +) / Double(max(timings.count, 1))
    print(String(format: "detection: %d images, mean %.1f ms per image", timings.count, mean))
    if let jsonOut {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted]
      try AtomicFileWriter.write(
        Array(encoder.encode(["images": timings])), to: URL(fileURLWithPath: jsonOut))
    }
  }

  private func median(_ count: Int, _ measure: () throws -> Double) rethrows -> Double {
    var values: [Double] = []
    for _ in 0..<count { values.append(try measure()) }
    return values.sorted()[count / 2]
  }
}
