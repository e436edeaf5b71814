/// The `builtin_options` table of one operator, read with schema defaults when it is absent.
struct TFLiteOptions {
  /// The table, or `nil` when the operator stores no options.
  private let table: FlatBufferTable?
  /// The operator name, for messages.
  private let operatorName: String

  /// Opens the options of `op`, checking they are of the `BuiltinOptions` union type `type`.
  init(of op: TFLiteModel.OperatorInfo, type: Int, operatorName: String) throws {
    guard op.optionsType == 0 || op.optionsType == type else {
      throw ModelError.malformed("\(operatorName) has options of union type \(op.optionsType)")
    }
    self.table = op.optionsType == 0 ? nil : op.options
    self.operatorName = operatorName
  }

  /// An `int` field.
  func int(_ field: Int, default value: Int32 = 0) throws -> Int {
    Int(try table?.int32(field, default: value) ?? value)
  }

  /// A `bool` field.
  func bool(_ field: Int) throws -> Bool {
    try table?.bool(field) ?? false
  }

  /// An `[int]` field, or `nil` when absent.
  func ints(_ field: Int) throws -> [Int]? {
    try table?.vector(field, elementSize: 4)?.int32Values().map { Int($0) }
  }

  /// An `int` field that must be at least 1, such as a stride or a kernel size.
  func positive(_ field: Int, default value: Int32 = 0, meaning: String) throws -> Int {
    let number = try int(field, default: value)
    guard number >= 1 else {
      throw ModelError.malformed("\(operatorName) has \(meaning) \(number)")
    }
    return number
  }

  /// A `Padding` field: `SAME` (0) or `VALID` (1).
  func padding(_ field: Int) throws -> Padding {
    switch try table?.int8(field) ?? 0 {
    case 0: return .same
    case 1: return .none
    case let code: throw ModelError.malformed("\(operatorName) has padding type \(code)")
    }
  }

  /// An `ActivationFunctionType` field: `NONE`, `RELU` and `RELU6` are supported.
  func activation(_ field: Int) throws -> FusedActivation {
    switch try table?.int8(field) ?? 0 {
    case 0: return .none
    case 1: return .relu
    case 3: return .relu6
    case 2: throw ModelError.unsupportedFeature("\(operatorName) with fused RELU_N1_TO_1")
    case 4: throw ModelError.unsupportedFeature("\(operatorName) with fused TANH")
    case 5: throw ModelError.unsupportedFeature("\(operatorName) with fused SIGN_BIT")
    case let code:
      throw ModelError.malformed("\(operatorName) has fused activation type \(code)")
    }
  }
}
