import FaceGuardCore
import Synchronization
import Testing

@Suite struct HandoffTests {
  struct Stop: Error, Equatable {}

  @Test func everyValueIsConsumedInOrder() throws {
    let seen = Mutex([Int]())
    try Handoff.run(
      depth: 2, produce: { hand in for value in 0..<500 { try hand(value) } },
      consume: { value in seen.withLock { $0.append(value) } })
    #expect(seen.withLock { $0 } == Array(0..<500))
  }

  @Test func aConsumerFailureStopsTheProducer() {
    let produced = Mutex(0)
    #expect(throws: Stop()) {
      try Handoff.run(
        depth: 1,
        produce: { hand in
          for value in 0..<10_000 {
            produced.withLock { $0 += 1 }
            try hand(value)
          }
        },
        consume: { value in if value == 3 { throw Stop() } })
    }
    #expect(produced.withLock { $0 } < 10)
  }

  @Test func aProducerFailureIsThrownAfterTheConsumerStops() {
    let consumed = Mutex(0)
    #expect(throws: Stop()) {
      try Handoff.run(
        depth: 2,
        produce: { hand in
          for value in 0..<5 { try hand(value) }
          throw Stop()
        },
        consume: { _ in consumed.withLock { $0 += 1 } })
    }
    #expect(consumed.withLock { $0 } <= 5)
  }
}
