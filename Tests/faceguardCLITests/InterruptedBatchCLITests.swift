import Foundation
import ImageCodecs
import TestSupport
import Testing

@Suite("A batch stopped at any moment leaves complete outputs only and can be finished")
struct InterruptedBatchCLITests {
  /// Eight different 640x640 photos (crops and mirror images of the portrait) under `in/`.
  private static func writePhotos(to folder: TemporaryFolder) throws -> [String] {
    var names: [String] = []
    for index in 0..<8 {
      let crop = Portrait.crop(x: index * 6, y: index * 4, width: 200 - index * 6, height: 200)
        .resized(width: 640, height: 640)
      let image = index.isMultiple(of: 2) ? crop : crop.mirrored()
      let name = "photo\(index).\(index < 4 ? "jpg" : "png")"
      try folder.write(index < 4 ? Encoded.jpeg(image) : Encoded.png(image), to: "in/" + name)
      names.append(name)
    }
    return names
  }

  /// Waits until an output has appeared under `out/` or the process ended.
  private static func waitForFirstOutput(_ folder: TemporaryFolder, _ process: Process) {
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline && process.isRunning {
      let outputs = (try? folder.allFiles(below: "out")) ?? []
      if outputs.contains(where: { !$0.hasPrefix(".") }) { return }
      Thread.sleep(forTimeInterval: 0.01)
    }
  }

  /// The names of the outputs under `out/`, each checked to decode completely.
  private static func completeOutputs(_ folder: TemporaryFolder) throws -> [String] {
    let names = try folder.allFiles(below: "out").filter { !$0.hasPrefix(".") }
    for name in names {
      #expect(throws: Never.self, "out/\(name) is not a complete image") {
        _ = try ImageDecoder.decode(try folder.read("out/" + name))
      }
    }
    return names
  }

  @Test("SIGKILL mid-batch: every output decodes; --skip-existing does the rest only")
  func killedBatchIsFinishedBySkippingExisting() throws {
    try TemporaryFolder.use { folder in
      let names = try Self.writePhotos(to: folder)
      let process = try FaceGuardProcess.launch(["-o", "out", "in"], in: folder.url)
      Self.waitForFirstOutput(folder, process)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal)
      let before = try Self.completeOutputs(folder)
      #expect(!before.isEmpty && before.count < names.count, "killed after \(before)")
      let kept = try Dictionary(
        uniqueKeysWithValues: before.map { ($0, try folder.read("out/" + $0)) })
      try folder.write(Array("half a photo".utf8), to: "out/.faceguard-Killed")

      let rerun = try FaceGuardProcess.run(["--skip-existing", "-o", "out", "in"], in: folder.url)
      #expect(rerun.status == 0, "\(rerun.standardError)")
      #expect(
        rerun.errorLines(mentioning: "\(before.count) already done").count == 1,
        "\(rerun.standardError)")
      #expect(try Self.completeOutputs(folder).sorted() == names.sorted())
      for (name, bytes) in kept { #expect(try folder.read("out/" + name) == bytes) }
      #expect(try folder.allFiles(below: "out").allSatisfy { !$0.hasPrefix(".faceguard-") })
    }
  }

  @Test("SIGTERM mid-batch: exit 143, a summary naming --skip-existing, no temporary file")
  func terminatedBatchSaysHowToFinish() throws {
    try TemporaryFolder.use { folder in
      _ = try Self.writePhotos(to: folder)
      let errors = folder.path("stderr.txt")
      try folder.write([], to: "stderr.txt")
      let handle = try FileHandle(forWritingTo: errors)
      let process = try FaceGuardProcess.launch(
        ["-o", "out", "in"], in: folder.url, standardError: handle)
      Self.waitForFirstOutput(folder, process)
      process.terminate()
      process.waitUntilExit()
      try handle.close()
      #expect(process.terminationStatus == 143)
      let message = String(decoding: try folder.read("stderr.txt"), as: UTF8.self)
      #expect(message.contains("stopped by signal 15 after"), "\(message)")
      #expect(message.contains("of 8 files"), "\(message)")
      #expect(message.contains("--skip-existing"), "\(message)")
      _ = try Self.completeOutputs(folder)
      #expect(try folder.allFiles(below: "out").allSatisfy { !$0.hasPrefix(".faceguard-") })
    }
  }
}
