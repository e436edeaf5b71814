import Testing

@testable import FaceGuardServer

@Suite("Memory limit of the server's budget")
struct MemoryLimitTests {
  @Test("a control group's limit is read; 'max' and cgroup v1's huge number mean none")
  func controlGroupFiles() {
    #expect(MemoryLimit.parse("2147483648\n") == 2_147_483_648)
    #expect(MemoryLimit.parse("max\n") == nil)
    #expect(MemoryLimit.parse("9223372036854771712\n") == nil)
    #expect(MemoryLimit.parse("") == nil)
    #expect(MemoryLimit.available > 0)
    #expect(ServerConfiguration.defaultMemoryBudget == MemoryLimit.available / 2)
  }
}
