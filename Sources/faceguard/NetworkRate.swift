import FaceDetection
import FaceGuardCore
import Foundation
import NeuralEngine

/// How close each model's network runs to the machine's limit: the multiply-accumulates one run
/// performs (from the graph and the input size), the achieved rate on one thread and on every
/// thread, and that rate as a share of XNNPACK's own large matrix multiply on as many threads.
enum NetworkRate {
  /// The side of the input a network that accepts any size is timed on: a typical tile.
  static let tileSide = 640

  /// Times every model's network and prints one line per model and thread count.
  static func report(models: [FaceModel], threads: Int, runs: Int) throws {
    let counts = threads > 1 ? [1, threads] : [1]
    let peaks = try counts.map { try XNNPeakRate.multiplyAccumulatesPerSecond(threads: $0) }
    print(
      "network alone (median of \(runs) runs after a warm-up); peak = XNNPACK fp32 matrix multiply"
        + " 1024^3 on as many threads")
    for (count, peak) in zip(counts, peaks) {
      print(
        String(
          format: "  peak, %d thread%@: %7.1f GMAC/s", count, count == 1 ? "" : "s", peak / 1e9))
    }
    print("model            input       GMAC  threads      ms   GMAC/s  of peak")
    for model in models {
      let graph = try model.readGraph()
      let side = try inputSide(of: model)
      let input = Tensor(shape: [1, side, side, 3], repeating: 100)
      let work = Double(try graph.multiplyAccumulates(inputShapes: [input.shape]))
      for (count, peak) in zip(counts, peaks) {
        let runtime = XNNPACKRuntime(graph: graph, threads: count)
        _ = try runtime.run([input])
        var times: [Double] = []
        for _ in 0..<runs {
          let start = ContinuousClock.now
          _ = try runtime.run([input])
          times.append((ContinuousClock.now - start).milliseconds)
        }
        let milliseconds = times.sorted()[runs / 2]
        let rate = work / (milliseconds / 1000)
        print(
          String(
            format: "%@ %4dx%-4d %7.2f  %7d %7.1f %8.1f  %6.1f %%",
            model.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0) as NSString,
            side, side, work / 1e9, count, milliseconds, rate / 1e9, 100 * rate / peak))
      }
    }
  }

  /// The input side the model is timed at: its one input size, or a tile for one of any size.
  private static func inputSide(of model: FaceModel) throws -> Int {
    let profile = try model.makeDetector(threads: 1).profile
    return profile.acceptsAnySize ? tileSide : profile.tileSize
  }
}
