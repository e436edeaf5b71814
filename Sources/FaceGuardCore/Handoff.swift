import Dispatch
import Foundation
import Synchronization

/// Two stages of work overlapped on two threads: the caller's thread produces values in order
/// while another thread consumes them in the same order, with at most `depth` values waiting
/// between them (so memory stays bounded). Used to decode video frames while the previous one is
/// searched for faces.
public enum Handoff {
  /// Runs `produce`, handing every value it yields to `consume` on a second thread.
  ///
  /// - Parameters:
  ///   - depth: how many produced values may wait for the consumer (at least 1).
  ///   - produce: calls its argument with each value, in order.
  ///   - consume: called with each value, in order, on another thread.
  /// - Throws: the first error of either stage; the other stage then stops at its next value.
  public static func run<Value: Sendable>(
    depth: Int, produce: ((Value) throws -> Void) throws -> Void,
    consume: @escaping @Sendable (Value) throws -> Void
  ) throws {
    let queue = Queue<Value>(depth: max(depth, 1))
    let consumer = Thread {
      while let value = queue.take() {
        do {
          try consume(value)
        } catch {
          queue.fail(error)
        }
      }
      queue.consumerFinished.signal()
    }
    consumer.start()
    do {
      try produce { value in try queue.put(value) }
      queue.close()
    } catch {
      queue.fail(error)
      queue.close()
    }
    queue.consumerFinished.wait()
    if let error = queue.failure { throw error }
  }

  /// The values between the stages, and the first failure.
  private final class Queue<Value: Sendable>: Sendable {
    private struct State {
      var values: [Value] = []
      var closed = false
      var failure: (any Error)?
    }

    private let state = Mutex(State())
    private let free: DispatchSemaphore
    private let ready = DispatchSemaphore(value: 0)
    /// Signalled when the consumer has taken its last value.
    let consumerFinished = DispatchSemaphore(value: 0)

    init(depth: Int) {
      free = DispatchSemaphore(value: depth)
    }

    /// The first failure of either stage.
    var failure: (any Error)? { state.withLock { $0.failure } }

    /// Waits for room, then queues `value`; throws the consumer's failure instead when there is
    /// one.
    func put(_ value: Value) throws {
      free.wait()
      try state.withLock { state in
        if let failure = state.failure { throw failure }
        state.values.append(value)
      }
      ready.signal()
    }

    /// The next value, or `nil` once the producer has closed the queue (or a stage failed) and
    /// nothing is left.
    func take() -> Value? {
      ready.wait()
      let value: Value? = state.withLock { state in
        guard state.failure == nil, !state.values.isEmpty else { return nil }
        return state.values.removeFirst()
      }
      free.signal()
      return value
    }

    /// Records the first failure; both stages stop at their next value.
    func fail(_ error: any Error) {
      state.withLock { state in
        if state.failure == nil { state.failure = error }
      }
      free.signal()
    }

    /// No more values will be put.
    func close() {
      state.withLock { $0.closed = true }
      ready.signal()
    }
  }
}
