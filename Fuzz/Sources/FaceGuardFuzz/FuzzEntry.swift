import Foundation

/// The target every input of this process goes to, named by the `FUZZ_TARGET` environment
/// variable; the process exits with a list of the names when it is missing or unknown.
let selectedTarget: FuzzTarget = {
  let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
  guard let target = FuzzTarget(rawValue: name) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
    FileHandle.standardError.write(Data("FUZZ_TARGET must be one of: \(names)\n".utf8))
    exit(2)
  }
  return target
}()

/// libFuzzer's entry point: runs one input through the selected target.
///
/// Returns -1 (libFuzzer: do not add the input to the corpus) for inputs the target skips,
/// such as a JPEG given to the PNG target, and 0 otherwise. Thrown errors are expected results;
/// only crashes, traps, sanitizer reports, hangs and leaks are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  return selectedTarget.run(bytes) ? 0 : -1
}
