import FaceGuardCore
import Synchronization
import Testing

@Suite struct ParallelWorkTests {
  @Test(arguments: [1, 2, 5, 40])
  func everyJobRunsOnceAndResultsKeepJobOrder(workers: Int) {
    let runs = Mutex([Int](repeating: 0, count: 23))
    let results = ParallelWork.map(count: 23, workers: workers) { index, worker -> Int in
      #expect(worker >= 0 && worker < min(workers, 23))
      runs.withLock { $0[index] += 1 }
      return index * index
    }
    #expect(results == (0..<23).map { $0 * $0 })
    #expect(runs.withLock { $0 } == [Int](repeating: 1, count: 23))
  }

  @Test func noJobsGiveNoResults() {
    #expect(ParallelWork.map(count: 0, workers: 4) { index, _ in index }.isEmpty)
  }

  @Test func workersRunSideBySide() {
    let active = Mutex((now: 0, most: 0))
    _ = ParallelWork.map(count: 8, workers: 2) { _, _ in
      active.withLock {
        $0.now += 1
        $0.most = max($0.most, $0.now)
      }
      var spin = 0
      for value in 0..<2_000_000 { spin &+= value }
      active.withLock { $0.now -= 1 }
      return spin
    }
    #expect(active.withLock { $0.most } <= 2)
  }
}
