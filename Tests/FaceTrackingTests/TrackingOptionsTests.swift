import FaceTracking
import Testing

@Suite struct TrackingOptionsTests {
  @Test func defaultsFollowTheThreshold() throws {
    let options = try TrackingOptions(threshold: 0.4)
    #expect(options.extendThreshold == 0.2)
    #expect(options.maxGap == 1)
    #expect(options.preRoll == 0.5 && options.postRoll == 0.5)
    #expect(options.margin == 0.1)
  }

  @Test(arguments: [
    (TrackingOptionsError.Option.threshold, "threshold must be a score from 0 to 1, got 1.5"),
    (.extendThreshold, "extend threshold must be a score from 0 to the threshold 0.4, got 0.5"),
    (.maxGap, "max gap must be seconds above 0, at most 10, got 0.0"),
    (.preRoll, "pre-roll must be seconds from 0 to 10, got -1.0"),
    (.postRoll, "post-roll must be seconds from 0 to 10, got nan"),
    (.margin, "margin must be a fraction from 0 to 1, got 2.0"),
  ])
  func aValueOutOfRangeIsRefusedByName(option: TrackingOptionsError.Option, message: String) {
    do {
      switch option {
      case .threshold: _ = try TrackingOptions(threshold: 1.5)
      case .extendThreshold: _ = try TrackingOptions(threshold: 0.4, extendThreshold: 0.5)
      case .maxGap: _ = try TrackingOptions(threshold: 0.4, maxGap: 0)
      case .preRoll: _ = try TrackingOptions(threshold: 0.4, preRoll: -1)
      case .postRoll: _ = try TrackingOptions(threshold: 0.4, postRoll: .nan)
      case .margin: _ = try TrackingOptions(threshold: 0.4, margin: 2)
      }
      Issue.record("\(option) was accepted")
    } catch {
      #expect(error.description == message)
      if case .outOfRange(let refused, _, _) = error { #expect(refused == option) }
    }
  }

  @Test func aThresholdThatIsNotANumberIsRefusedBeforeItBoundsAnything() {
    #expect(throws: TrackingOptionsError.self) { try TrackingOptions(threshold: .nan) }
  }
}
