import ArgumentParser
import FaceDetection
import FaceGuard
import Foundation

/// `faceguard calibrate`: measures CenterFace's and RetinaFace's activations on scenes composed
/// from the sample portraits and writes the int8 calibration files next to the models.
struct CalibrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Make the int8 calibration files --precision int8 needs (make build runs this).",
    discussion: """
      For each model, composes group-photo-like scenes from the sample portraits in the models \
      folder (640-pixel tiles and whole-image passes), runs the fp32 network on one thread, \
      records the int8 scale of every activation, finds the activations whose rounding costs the \
      network's outputs most (kept on fp32) and writes it all to <model>.int8.json beside the \
      model file. A file already made for the same model file by the same recipe is kept unless \
      --force.
      """)

  @Option(
    help: ArgumentHelp(
      "Models to calibrate, joined by +.", valueName: "centerface+retinaface"))
  var model = "centerface+retinaface"

  @Flag(help: "Calibrate again even when the file is up to date.")
  var force = false

  func validate() throws {
    guard let choice = ModelChoice(model) else {
      throw ValidationError("--model must name centerface and/or retinaface joined by +")
    }
    for model in choice.models where !model.hasInt8Version {
      throw ValidationError(CalibrationError.unsupportedModel(model).description)
    }
  }

  func run() throws {
    let store = ModelStore.standard()
    let models = ModelChoice(model)?.models ?? []
    let portraits = try SamplePortraits.decoded(from: store)
    for model in models {
      let modelFile = try model.int8ModelFileName()
      let fileName = CalibrationFile.fileName(forModel: modelFile)
      if !force, (try? CalibrationFile.load(forModel: modelFile, store: store)) != nil {
        print("\(fileName) is up to date")
        continue
      }
      let start = Date()
      let calibration = try model.calibrate(portraits: portraits, store: store)
      let url = try calibration.write(to: store)
      print(
        "wrote \(url.path) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s; "
          + "\(try model.int8NodeCount(with: calibration, store: store)) nodes run on int8")
    }
  }
}
