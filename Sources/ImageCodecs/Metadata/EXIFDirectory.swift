/// The fields of one EXIF directory (IFD), in file order, without repeated tags.
public struct EXIFDirectory: Sendable, Equatable {
  /// The fields.
  public var entries: [EXIFEntry]

  /// Creates a directory from its fields.
  public init(entries: [EXIFEntry] = []) {
    self.entries = entries
  }

  /// The field with `tag`, if present.
  public subscript(tag: UInt16) -> EXIFEntry? {
    entries.first { $0.tag == tag }
  }
}
