import Foundation

/// The memory this process may use: its control group's limit when it runs under one that sets
/// a limit (a container, a Kubernetes pod, a systemd unit with `MemoryMax`), else the machine's
/// physical memory.
enum MemoryLimit {
  /// The smaller of the control group's limit and the physical memory, in bytes.
  static var available: Int {
    let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
    return min(controlGroupLimit ?? physical, physical)
  }

  /// The cgroup v2 `memory.max` or cgroup v1 `memory.limit_in_bytes` of this process's group;
  /// `nil` when there is none or it is unlimited.
  static var controlGroupLimit: Int? {
    for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      return parse(text)
    }
    return nil
  }

  /// The limit a cgroup file states: a byte count, or `max` (cgroup v2) or a number near
  /// `Int.max` (cgroup v1) for none.
  static func parse(_ text: String) -> Int? {
    let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let bytes = Int(value), bytes > 0, bytes < Int.max / 2 else { return nil }
    return bytes
  }
}
