import ArgumentParser
import FaceGuard
import FaceGuardFiles
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

  @OptionGroup var detection: DetectorOptions

  @OptionGroup var photo: PhotoOptions

  @Option(name: .shortAndLong, help: "Write outputs under this folder, mirroring the input tree.")
  var output: String?

  @OptionGroup var batch: BatchOptions

  @Option(help: "Write a JSON report of every file (faces, boxes, scores, timings) here.")
  var report: String?

  @Argument(help: "Photos or folders (searched recursively).")
  var paths: [String]

  func run() throws {
    let outputFolder = output.map { URL(fileURLWithPath: $0, isDirectory: true) }
    let (files, pathErrors) = InputFiles.collect(paths, excluding: outputFolder)
    pathErrors.forEach { Terminal.printError("faceguard: \($0)") }
    let batch = PhotoBatch(
      pipeline: try detection.makePipeline(photo.settings),
      naming: OutputNaming(outputFolder: outputFolder), jobs: batch.jobs)
    let outcomes = batch.run(files) { done, file in
      Terminal.progress(done: done, total: files.count, label: file.displayPath)
    }
    var entries: [AnonymizeReport.FileEntry] = []
    for (file, outcome) in zip(files, outcomes) {
      switch outcome {
      case .success(let done):
        entries.append(.init(file: file.displayPath, output: done.outputPath, result: done.result))
        if !Terminal.isInteractive || files.count == 1 {
          let count = done.result.faces.count
          print(
            "\(file.displayPath): \(count) face\(count == 1 ? "" : "s") hidden"
              + (done.outputPath.map { " -> \($0)" } ?? ""))
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
        protecting: files.map(\.url))
    }
    Terminal.printError(
      "faceguard: \(summary.files) file\(summary.files == 1 ? "" : "s"), \(summary.faces) face\(summary.faces == 1 ? "" : "s") hidden, \(summary.failures) failed"
    )
    if summary.failures > 0 { throw ExitCode.failure }
  }
}
