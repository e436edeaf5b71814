import FaceDetection
import FaceGuardCore
import Foundation
import NeuralEngine

/// How close each model's network runs to the machine's limit: the multiply-accumulates one run
/// performs (from the graph and the input size), the achieved rate on one thread and on every
/// thread, in fp32 and (for models with an int8 version) int8, and that rate as a share of
/// XNNPACK's own large matrix multiply in the same precision on as many threads.
enum NetworkRate {
  /// The side of the input a network that accepts any size is timed on: a typical tile.
  static let tileSide = 640

  /// Times every model's network and prints one line per model, precision and thread count.
  static func report(models: [FaceModel], threads: Int, runs: Int) throws {
    let counts = threads > 1 ? [1, threads] : [1]
    var peaks: [Precision: [Double]] = [:]
    peaks[.fp32] = try counts.map { try XNNPeakRate.fp32(threads: $0) }
    peaks[.int8] = try counts.map { try XNNPeakRate.int8(threads: $0) }
    print(
      "network alone (median of \(runs) runs after a warm-up); peak = XNNPACK's own 1024^3 matrix "
        + "multiply in the same precision on as many threads")
    for precision in Precision.allCases {
      let rates = zip(counts, peaks[precision]!).map { count, peak in
        String(format: "%.1f GMAC/s on %d thread%@", peak / 1e9, count, count == 1 ? "" : "s")
      }
      print("  peak \(precision.rawValue): \(rates.joined(separator: ", "))")
    }
    print("model            precision  input       GMAC  threads      ms   GMAC/s  of peak")
    for model in models {
      let graph = try model.readGraph()
      let side = try inputSide(of: model)
      let input = Tensor(shape: [1, side, side, 3], repeating: 100)
      let work = Double(try graph.multiplyAccumulates(inputShapes: [input.shape]))
      for precision in Precision.allCases where precision == .fp32 || model.hasInt8Version {
        let quantization: ActivationQuantization?
        do {
          quantization = try model.quantization(for: precision)
        } catch {
          print("\(model.rawValue) \(precision.rawValue): not timed, \(error)")
          continue
        }
        for (count, peak) in zip(counts, peaks[precision]!) {
          let runtime = XNNPACKRuntime(graph: graph, threads: count, quantization: quantization)
          let milliseconds = try medianMilliseconds(runs: runs) { _ = try runtime.run([input]) }
          let rate = work / (milliseconds / 1000)
          print(
            String(
              format: "%@ %@  %4dx%-4d %7.2f  %7d %7.1f %8.1f  %6.1f %%",
              model.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0) as NSString,
              precision.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) as NSString,
              side, side, work / 1e9, count, milliseconds,
              rate / 1e9, 100 * rate / peak))
        }
      }
    }
  }

  /// The median time of `runs` calls of `body`, after one call that is not timed.
  private static func medianMilliseconds(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var times: [Double] = []
    for _ in 0..<runs {
      let start = ContinuousClock.now
      try body()
      times.append((ContinuousClock.now - start).milliseconds)
    }
    return times.sorted()[runs / 2]
  }

  /// The input side the model is timed at: its one input size, or a tile for one of any size.
  private static func inputSide(of model: FaceModel) throws -> Int {
    let profile = try model.makeDetector(threads: 1).profile
    return profile.acceptsAnySize ? tileSide : profile.tileSize
  }
}
