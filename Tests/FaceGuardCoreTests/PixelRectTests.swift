import FaceGuardCore
import Testing

@Suite struct PixelRectTests {
  @Test func edgesGiveSizeAndNeverANegativeOne() {
    let rect = PixelRect(left: 2, top: 3, right: 7, bottom: 4)
    #expect(rect == PixelRect(x: 2, y: 3, width: 5, height: 1))
    #expect(rect.maxX == 7 && rect.maxY == 4 && !rect.isEmpty)
    let backwards = PixelRect(left: 7, top: 3, right: 2, bottom: 4)
    #expect(backwards.width == 0 && backwards.isEmpty)
  }

  @Test func touchingCoversEveryPartlyCoveredPixelInsideTheImage() {
    let rect = PixelRect(
      touching: Rect(x: 1.5, y: -3, width: 2, height: 4.2), width: 10, height: 10)
    #expect(rect == PixelRect(left: 1, top: 0, right: 4, bottom: 2))
    #expect(
      PixelRect(touching: Rect(x: 20, y: 0, width: 5, height: 5), width: 10, height: 10).isEmpty)
    #expect(
      PixelRect(touching: Rect(x: .nan, y: 0, width: 5, height: 5), width: 10, height: 10).isEmpty)
    #expect(
      PixelRect(touching: Rect(x: 0, y: 0, width: 0, height: 5), width: 10, height: 10).isEmpty)
  }

  @Test func unionIgnoresEmptyRectangles() {
    let a = PixelRect(x: 0, y: 0, width: 2, height: 2)
    let b = PixelRect(x: 5, y: 1, width: 1, height: 4)
    #expect(a.union(b) == PixelRect(left: 0, top: 0, right: 6, bottom: 5))
    #expect(a.union(.empty) == a && PixelRect.empty.union(b) == b)
  }

  @Test func intersectsNeedsASharedPixel() {
    let a = PixelRect(x: 0, y: 0, width: 2, height: 2)
    #expect(a.intersects(PixelRect(x: 1, y: 1, width: 3, height: 3)))
    #expect(!a.intersects(PixelRect(x: 2, y: 0, width: 3, height: 3)))
    #expect(!a.intersects(.empty))
  }

  @Test func expandedStaysInsideTheImage() {
    let rect = PixelRect(x: 1, y: 8, width: 2, height: 2).expanded(by: 3, width: 10, height: 11)
    #expect(rect == PixelRect(left: 0, top: 5, right: 6, bottom: 11))
  }
}
