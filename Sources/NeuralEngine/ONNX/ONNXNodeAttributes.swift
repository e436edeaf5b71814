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
    guard let attribute = attribute(name) else { return defaultValue }
    guard attribute.kind == .int || attribute.kind == .undefined, let value = attribute.int else {
      throw wrongKind(name, expected: "an integer")
    }
    return Int(value)
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
    guard let attribute = attribute(name) else { return defaultValue }
    guard attribute.kind == .float || attribute.kind == .undefined, let value = attribute.float
    else {
      throw wrongKind(name, expected: "a float")
    }
    return value
  }

  /// A string attribute, or `defaultValue` when absent.
  func string(_ name: String, default defaultValue: String) throws -> String {
    guard let attribute = attribute(name) else { return defaultValue }
    guard attribute.kind == .string || attribute.kind == .undefined, let value = attribute.string
    else {
      throw wrongKind(name, expected: "a string")
    }
    return value
  }

  /// A tensor attribute, or `nil` when absent.
  func tensor(_ name: String) throws -> ONNXTensorProto? {
    guard let attribute = attribute(name) else { return nil }
    guard attribute.kind == .tensor || attribute.kind == .undefined, let value = attribute.tensor
    else {
      throw wrongKind(name, expected: "a tensor")
    }
    return value
  }

  private func wrongKind(_ name: String, expected: String) -> ModelError {
    ModelError.malformed("attribute \(name) of \(label) is not \(expected)")
  }
}
