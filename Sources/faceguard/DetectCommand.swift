import ArgumentParser
import FaceGuard
import FaceGuardFiles
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

  @OptionGroup var batch: BatchOptions

  @Argument(help: "Photos or folders (searched recursively).")
  var paths: [String]

  func run() throws {
    var (files, pathErrors) = InputFiles.collect(paths)
    let givenVideos = files.filter { $0.kind == .video && paths.contains($0.displayPath) }
    files.removeAll { $0.kind == .video }
    let (sharded, shardSummary) = batch.select(files)
    files = sharded
    pathErrors.forEach { Terminal.printError("faceguard: \($0)") }
    for video in givenVideos {
      Terminal.printError(
        "faceguard: \(video.displayPath): detect lists the faces of photos; for a video run "
          + "faceguard video --tracks-out FILE")
    }
    var reportOnly = PhotoSettings()
    reportOnly.mode = .none
    let anonymize = AnonymizeBatch(
      photos: try detection.makePipeline(reportOnly), naming: OutputNaming(outputFolder: nil),
      jobs: batch.jobs)
    let total = files.count
    let outcomes = anonymize.run(files) { done, file in
      if jsonOut != nil {
        Terminal.progress(done: done, total: total, label: file.displayPath)
      }
    }
    var report = DetectionReport()
    for (file, outcome) in zip(files, outcomes) {
      switch outcome {
      case .success(let done):
        guard case .photo(let result) = done.result else { continue }
        let faces = result.faces
        report.images.append(.init(file: file.displayPath, faces: faces.map(FaceBox.init)))
        if jsonOut == nil {
          let scores = faces.prefix(8).map { String(format: "%.2f", $0.score) }
          let more = faces.count > 8 ? ", …" : ""
          print(
            "\(file.displayPath): \(faces.count) face\(faces.count == 1 ? "" : "s")"
              + (faces.isEmpty ? "" : " (scores \(scores.joined(separator: ", "))\(more))")
              + String(format: " in %.0f ms", result.timings.total))
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
      pathErrors.count + givenVideos.count
      + outcomes.filter { if case .failure = $0 { true } else { false } }.count
    if !shardSummary.isEmpty {
      Terminal.printError("faceguard: \(shardSummary)\(report.images.count) listed")
    }
    if failures > 0 {
      Terminal.printError(
        "faceguard: \(failures) of \(files.count + pathErrors.count + givenVideos.count) inputs failed"
      )
      throw ExitCode.failure
    }
  }
}
