/// How an operator takes part in a graph that runs with int8 activations on XNNPACK.
enum Int8Role: Sendable, Equatable {
  /// It runs on fp32 values only; int8 operands are converted back to fp32 for it.
  case floatOnly
  /// It reads int8 values and writes an int8 value with its own calibrated parameters.
  case requantizing
  /// It reads an int8 value and writes one with the same parameters (XNNPACK requires that of
  /// max pooling, padding and clamping, which only move or select values).
  case keepingParameters
}
