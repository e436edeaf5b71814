/// The number format a detector's network computes in.
public enum Precision: String, Sendable, CaseIterable, Codable {
  /// 32-bit floats throughout: the models as published.
  case fp32
  /// 8-bit integer activations and per-channel 8-bit weights on XNNPACK's quantized operators,
  /// with the scales `faceguard calibrate` measured on the sample portraits (see
  /// ``CalibrationFile``); CenterFace and RetinaFace only.
  case int8
}
