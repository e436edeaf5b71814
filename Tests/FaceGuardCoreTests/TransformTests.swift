import FaceGuardCore
import Testing

@Suite struct TransformTests {
  @Test func facesMapBackThroughMirrorOffsetAndScale() {
    let face = Face(
      box: Rect(x: 10, y: 20, width: 30, height: 40), score: 0.9,
      landmarks: [Point(x: 15, y: 25)])
    let mirrored = face.mirrored(width: 100)
    #expect(mirrored.box == Rect(x: 60, y: 20, width: 30, height: 40))
    #expect(mirrored.landmarks == [Point(x: 85, y: 25)])
    #expect(mirrored.mirrored(width: 100) == face)
    #expect(face.offset(x: 5, y: 6).box == Rect(x: 15, y: 26, width: 30, height: 40))
    #expect(face.scaled(by: 0.5).box == Rect(x: 5, y: 10, width: 15, height: 20))
  }

  @Test func imageMirrorAndCrop() {
    var image = Image(width: 3, height: 2, layout: .rgb, repeating: 0)
    for index in 0..<6 { image.pixels[index * 3] = UInt8(index) }
    #expect(
      image.mirrored().pixels.enumerated().filter { $0.offset % 3 == 0 }.map(\.element) == [
        2, 1, 0, 5, 4, 3,
      ])
    let crop = image.cropped(to: PixelRect(x: 1, y: 1, width: 2, height: 1))
    #expect(crop.width == 2 && crop.pixels[0] == 4 && crop.pixels[3] == 5)
  }
}
