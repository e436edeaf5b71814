import Foundation

/// Lets one face search run at a time in the process. A search already keeps every core busy
/// (tiles one per core, whole-image passes on every thread), so two at once only oversubscribe
/// XNNPACK's thread pools, whose parallel steps wait for a thread that is not running: two
/// concurrent requests halved a server's throughput (3.4 to 1.7 photos per second on 2 cores).
/// Waiting searches cost nothing, and the other work of their photos (decoding, blurring,
/// encoding) still overlaps the running search.
enum SearchGate {
  /// Recursive, so an ensemble can hold it across its models' searches.
  private static let lock = NSRecursiveLock()

  /// Runs `body` once no other thread is searching.
  static func run<Value>(_ body: () throws -> Value) rethrows -> Value {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }
}
