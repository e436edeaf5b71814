import FaceGuardCore
import FaceRedaction
import TestSupport
import Testing

@Suite("Redactor.changedAreas holds every pixel the redaction changes")
struct ChangedAreaTests {
  @Test(arguments: [false, true])
  func everyChangedPixelIsInsideTheAreas(drawBoxes: Bool) {
    let image = TestImages.noise(width: 160, height: 120, seed: 5)
    let regions = [
      Rect(x: 20, y: 15, width: 30, height: 40), Rect(x: 140, y: 100, width: 40, height: 40),
      Rect(x: 60.5, y: 50.25, width: 12, height: 9),
    ]
    for style in [RedactionStyle.blur, .pixelate, .solid(.white)] {
      let redactor = Redactor(options: RedactionOptions(style: style, drawBoxes: drawBoxes))
      let areas = redactor.changedAreas(for: regions, width: 160, height: 120)
      let output = redactor.redacted(image, regions: regions)
      var changed = 0
      for y in 0..<120 {
        for x in 0..<160 {
          let offset = (y * 160 + x) * 3
          guard image.pixels[offset..<offset + 3] != output.pixels[offset..<offset + 3] else {
            continue
          }
          changed += 1
          #expect(
            areas.contains { x >= $0.x && x < $0.maxX && y >= $0.y && y < $0.maxY },
            "\(style) changed (\(x), \(y)) outside the areas")
        }
      }
      #expect(changed > 1000)
    }
  }
}
