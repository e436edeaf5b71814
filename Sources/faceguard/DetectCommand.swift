import ArgumentParser
import FaceGuard
import Foundation

struct DetectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "detect",
    abstract: "List the faces in photos without changing them.",
    discussion: """
      Boxes are in pixels of the photo as it is shown (EXIF orientation applied), origin at the \
      top left. --json-out writes the predictions format of the WIDER FACE scorer: \
      {"images":[{"file":...,"faces":[{"x","y","w","h","score"}]}]}.
      """
  )

  @OptionGroup var detection: DetectorOptions

  @Option(name: .customLong("json-out"), help: "Write all faces as JSON to this file.")
  var jsonOut: String?

  @Option(help: "Photos processed at once.")
  var jobs: Int = 1

  @Argument(help: "Photos or folders (searched recursively).")
  var paths: [String]

  func run() throws {
    let (files, pathErrors) = InputFiles.collect(paths)
    pathErrors.forEach { Terminal.printError("faceguard: \($0)") }
    let detector = try detection.makeDetector()
    let threshold = detection.effectiveThreshold
    let limits = detection.limits
    let outcomes = BatchRunner(jobs: jobs).run(
      files,
      work: { file -> (faces: [Face], milliseconds: Double) in
        let start = ContinuousClock.now
        let bytes = try readInput(file)
        let photo = try UprightPhoto(decoding: bytes, limits: limits)
        let faces = try detector.detect(in: photo.image, threshold: threshold)
        return (faces, PhotoPipeline.milliseconds(ContinuousClock.now - start))
      },
      finished: { done, file in
        if jsonOut != nil {
          Terminal.progress(done: done, total: files.count, label: file.displayPath)
        }
      })
    var report = DetectionReport()
    for (file, outcome) in zip(files, outcomes) {
      switch outcome {
      case .success(let found):
        report.images.append(
          .init(file: file.displayPath, faces: found.faces.map(DetectionReport.Box.init)))
        if jsonOut == nil {
          let scores = found.faces.prefix(8).map { String(format: "%.2f", $0.score) }
          let more = found.faces.count > 8 ? ", …" : ""
          print(
            "\(file.displayPath): \(found.faces.count) face\(found.faces.count == 1 ? "" : "s")"
              + (found.faces.isEmpty ? "" : " (scores \(scores.joined(separator: ", "))\(more))")
              + String(format: " in %.0f ms", found.milliseconds))
        }
      case .failure(let failure):
        Terminal.printError("faceguard: \(failure)")
      }
    }
    if let jsonOut {
      try AtomicFileWriter.write(
        report.encoded(), to: URL(fileURLWithPath: jsonOut), protecting: files.map(\.url))
      let faceCount = report.images.reduce(0) { $0 + $1.faces.count }
      Terminal.printError(
        "faceguard: \(faceCount) faces in \(report.images.count) images written to \(jsonOut)")
    }
    let failures =
      pathErrors.count + outcomes.filter { if case .failure = $0 { true } else { false } }.count
    if failures > 0 {
      Terminal.printError(
        "faceguard: \(failures) of \(files.count + pathErrors.count) inputs failed")
      throw ExitCode.failure
    }
  }
}

/// Reads an input file, turning system errors into a message naming the file.
func readInput(_ file: InputFile) throws -> [UInt8] {
  do {
    return Array(try Data(contentsOf: file.url))
  } catch {
    let reason =
      FileManager.default.isReadableFile(atPath: file.url.path)
      ? "could not be read" : "permission denied or not a readable file"
    throw FileFailure(path: file.displayPath, reason: reason)
  }
}
