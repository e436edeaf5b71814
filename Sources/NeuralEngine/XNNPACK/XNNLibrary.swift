import CXNNPACK

/// Process-wide XNNPACK setup and status checking.
enum XNNLibrary {
  /// The raw status of the one `xnn_initialize` call of this process, made on first use.
  private static let initializationStatus: UInt32 = xnn_initialize(nil).rawValue

  /// Initializes XNNPACK once per process.
  ///
  /// - Throws: ``ModelError/runtimeFailure(_:)`` when XNNPACK cannot run on this machine.
  static func initialize() throws {
    guard initializationStatus == xnn_status_success.rawValue else {
      throw ModelError.runtimeFailure(
        "xnn_initialize failed with status \(initializationStatus)")
    }
  }

  /// Turns a failed status into ``ModelError/runtimeFailure(_:)`` naming the call and the
  /// operation it was made for.
  static func check(_ status: xnn_status, _ call: String, for operation: String) throws {
    guard status == xnn_status_success else {
      throw ModelError.runtimeFailure(
        "\(call) failed with status \(status.rawValue) for \(operation)")
    }
  }

  /// Bytes XNNPACK may read past the end of any buffer.
  static let extraBytes = Int(XNN_EXTRA_BYTES)

  /// The largest rank XNNPACK tensors may have.
  static let maximumRank = Int(XNN_MAX_TENSOR_DIMS)
}
