import CXNNPACK
import Foundation

/// The machine's practical limit for multiply-accumulates: XNNPACK's own matrix multiply (its
/// fully connected operator) on matrices large enough that every kernel runs at full speed, in
/// fp32 and in int8, the ceilings a network made of convolutions can approach on this CPU.
public enum XNNPeakRate {
  /// Rows, inner size and columns of the product timed: 1024 x 1024 x 1024, about 1.07 billion
  /// multiply-accumulates.
  static let side = 1024

  /// Multiply-accumulates per second of XNNPACK's fp32 product: the best of `runs` (after one
  /// warm-up) on `threads` threads (`1` runs on the calling thread).
  ///
  /// - Throws: ``ModelError/runtimeFailure(_:)`` when XNNPACK refuses the operator.
  public static func fp32(threads: Int, runs: Int = 5) throws -> Double {
    let side = Self.side
    let kernel = (0..<side * side).map { Float($0 % 7) * 0.01 }
    let bias = [Float](repeating: 0, count: side)
    return try rate(threads: threads, runs: runs, label: "fp32", elementSize: 4) { operatorOut in
      xnn_create_fully_connected_nc_f32(
        side, side, side, side, kernel, bias, -Float.infinity, Float.infinity, 0, operatorOut)
    } setup: { product, pool, input, output in
      xnn_setup_fully_connected_nc_f32(
        product, side, input.assumingMemoryBound(to: Float.self),
        output.assumingMemoryBound(to: Float.self), pool)
    }
  }

  /// Multiply-accumulates per second of XNNPACK's int8 product (int8 inputs and weights, int32
  /// sums), timed as ``fp32(threads:runs:)``.
  ///
  /// - Throws: ``ModelError/runtimeFailure(_:)`` when XNNPACK refuses the operator.
  public static func int8(threads: Int, runs: Int = 5) throws -> Double {
    let side = Self.side
    let kernel = (0..<side * side).map { Int8($0 % 7 - 3) }
    let bias = [Int32](repeating: 0, count: side)
    return try rate(threads: threads, runs: runs, label: "int8", elementSize: 1) { operatorOut in
      xnn_create_fully_connected_nc_qs8(
        side, side, side, side, 0, 0.05, 0.01, kernel, bias, 0, 1, -128, 127, 0, operatorOut)
    } setup: { product, pool, input, output in
      xnn_setup_fully_connected_nc_qs8(
        product, side, input.assumingMemoryBound(to: Int8.self),
        output.assumingMemoryBound(to: Int8.self), pool)
    }
  }

  /// Creates the product, points it at zeroed input and output matrices of `elementSize`-byte
  /// elements (with XNNPACK's spare bytes) that live until the last run, and returns side³ over
  /// its best time.
  private static func rate(
    threads: Int, runs: Int, label: String, elementSize: Int,
    create: (UnsafeMutablePointer<xnn_operator_t?>) -> xnn_status,
    setup: (xnn_operator_t, OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer)
      -> xnn_status
  ) throws -> Double {
    try XNNLibrary.initialize()
    let bytes = side * side * elementSize + XNNLibrary.extraBytes
    let input = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    let output = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    defer {
      input.deallocate()
      output.deallocate()
    }
    input.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    output.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    let pool: OpaquePointer? = threads > 1 ? pthreadpool_create(threads) : nil
    defer { if let pool { pthreadpool_destroy(pool) } }
    var created: xnn_operator_t?
    let operation = "the \(label) peak-rate product"
    try XNNLibrary.check(create(&created), "xnn_create_fully_connected_nc", for: operation)
    guard let product = created else {
      throw ModelError.runtimeFailure("xnn_create_fully_connected_nc returned no operator")
    }
    defer { xnn_delete_operator(product) }
    try XNNLibrary.check(
      setup(product, pool, input, output), "xnn_setup_fully_connected_nc", for: operation)
    var best = Double.infinity
    for run in 0...max(runs, 1) {
      let start = ContinuousClock.now
      try XNNLibrary.check(xnn_run_operator(product, pool), "xnn_run_operator", for: operation)
      let elapsed = (ContinuousClock.now - start).components
      if run > 0 {
        best = min(best, Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
      }
    }
    return Double(side * side * side) / best
  }
}
