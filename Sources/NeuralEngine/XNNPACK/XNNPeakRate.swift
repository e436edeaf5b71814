import CXNNPACK
import Foundation

/// The machine's practical limit for fp32 multiply-accumulates: XNNPACK's own matrix multiply
/// (its fully connected operator) on matrices large enough that every kernel runs at full speed,
/// the ceiling a network made of convolutions can approach on this CPU.
public enum XNNPeakRate {
  /// Rows, inner size and columns of the product timed: 1024 x 1024 x 1024, about 1.07 billion
  /// multiply-accumulates, 12 MB of data.
  static let side = 1024

  /// Multiply-accumulates per second of the best of `runs` products (after one warm-up).
  ///
  /// - Parameters:
  ///   - threads: worker threads; `1` runs on the calling thread.
  ///   - runs: timed products.
  /// - Throws: ``ModelError/runtimeFailure(_:)`` when XNNPACK refuses the operator.
  public static func multiplyAccumulatesPerSecond(threads: Int, runs: Int = 5) throws -> Double {
    try XNNLibrary.initialize()
    let side = Self.side
    let padding = XNNLibrary.extraBytes / MemoryLayout<Float>.stride + 1
    let input = [Float](repeating: 0.5, count: side * side + padding)
    let kernel = (0..<side * side).map { Float($0 % 7) * 0.01 }
    let bias = [Float](repeating: 0, count: side)
    var output = [Float](repeating: 0, count: side * side + padding)
    let pool: OpaquePointer? = threads > 1 ? pthreadpool_create(threads) : nil
    defer { if let pool { pthreadpool_destroy(pool) } }
    var created: xnn_operator_t?
    try XNNLibrary.check(
      xnn_create_fully_connected_nc_f32(
        side, side, side, side, kernel, bias, -Float.infinity, Float.infinity, 0, &created),
      "xnn_create_fully_connected_nc_f32", for: "the peak-rate product")
    guard let product = created else {
      throw ModelError.runtimeFailure("xnn_create_fully_connected_nc_f32 returned no operator")
    }
    defer { xnn_delete_operator(product) }
    var best = Double.infinity
    try input.withUnsafeBufferPointer { input in
      try output.withUnsafeMutableBufferPointer { output in
        try XNNLibrary.check(
          xnn_setup_fully_connected_nc_f32(
            product, side, input.baseAddress, output.baseAddress, pool),
          "xnn_setup_fully_connected_nc_f32", for: "the peak-rate product")
        for run in 0...max(runs, 1) {
          let start = ContinuousClock.now
          try XNNLibrary.check(
            xnn_run_operator(product, pool), "xnn_run_operator", for: "the peak-rate product")
          let elapsed = (ContinuousClock.now - start).components
          let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
          if run > 0 { best = min(best, seconds) }
        }
      }
    }
    return Double(side * side * side) / best
  }
}
