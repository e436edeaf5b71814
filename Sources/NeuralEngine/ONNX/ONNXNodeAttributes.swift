extension ONNXNodeProto {
  /// Throws ``ModelError/unsupportedFeature(_:)`` when the node has an attribute outside `known`.
  func requireAttributes(among known: Set<String>) throws {
    for attribute in attributes where !known.contains(attribute.name) {
      throw ModelError.unsupportedFeature("attribute \(attribute.name) of \(label)")
    }
  }

  /// The attribute named `name`, if the node has it.
  func attribute(_ name: String) -> ONNXAttributeProto? {
    attributes.first { $0.name == name }
  }

  /// An integer attribute, or `defaultValue` when absent.
  func int(_ name: String, default defaultValue: Int) throws -> Int {
    try value(name, kind: .int, \.int, expected: "an integer").map { Int($0) } ?? defaultValue
  }

  /// An integer-list attribute, or `nil` when absent.
  func ints(_ name: String) throws -> [Int]? {
    guard let attribute = attribute(name) else { return nil }
    guard attribute.kind == .ints || (attribute.kind == .undefined && !attribute.ints.isEmpty)
    else {
      throw wrongKind(name, expected: "a list of integers")
    }
    return attribute.ints.map { Int($0) }
  }

  /// A float attribute, or `defaultValue` when absent.
  func float(_ name: String, default defaultValue: Float) throws -> Float {
    try value(name, kind: .float, \.float, expected: "a float") ?? defaultValue
  }

  /// A string attribute, or `defaultValue` when absent.
  func string(_ name: String, default defaultValue: String) throws -> String {
    try value(name, kind: .string, \.string, expected: "a string") ?? defaultValue
  }

  /// A tensor attribute, or `nil` when absent.
  func tensor(_ name: String) throws -> ONNXTensorProto? {
    try value(name, kind: .tensor, \.tensor, expected: "a tensor")
  }

  /// The field of a single-valued attribute, or `nil` when the attribute is absent.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` when the attribute declares another kind or lacks the
  ///   field.
  private func value<Value>(
    _ name: String, kind: ONNXAttributeProto.Kind, _ field: KeyPath<ONNXAttributeProto, Value?>,
    expected: String
  ) throws -> Value? {
    guard let attribute = attribute(name) else { return nil }
    guard attribute.kind == kind || attribute.kind == .undefined,
      let value = attribute[keyPath: field]
    else {
      throw wrongKind(name, expected: expected)
    }
    return value
  }

  private func wrongKind(_ name: String, expected: String) -> ModelError {
    ModelError.malformed("attribute \(name) of \(label) is not \(expected)")
  }
}
