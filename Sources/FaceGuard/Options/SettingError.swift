/// A value a person gave that a ``Setting`` does not accept.
public struct SettingError: Error, Equatable, CustomStringConvertible {
  /// The setting.
  public var setting: Setting
  /// The value as given (shortened when long).
  public var value: String
  /// What is wrong, completing "must ...", when more is wrong than the value's range or form.
  public var problem: String?

  /// Creates the error for `value` of `setting`.
  public init(_ setting: Setting, value: String, problem: String? = nil) {
    self.setting = setting
    self.value = value.count > 40 ? String(value.prefix(40)) + "…" : value
    self.problem = problem
  }

  /// The message, naming the setting as a front end spells it (`--mask-scale`, `mask_scale`).
  public func message(naming name: String) -> String {
    "\(name) must \(problem ?? "be " + setting.values.expectation), got "
      + (value.isEmpty ? "nothing" : value)
  }

  /// The message with the setting's command-line name.
  public var description: String { message(naming: setting.commandLineName) }
}
