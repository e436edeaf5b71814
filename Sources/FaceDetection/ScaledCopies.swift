import FaceGuardCore
import Synchronization

/// Resized copies of one image, each size made once however many searches ask for it: the
/// models of an ensemble shrink a photo to the same whole-image size.
final class ScaledCopies: Sendable {
  /// The image at its own size.
  let image: Image
  private let copies = Mutex<[[Int]: Image]>([:])

  /// Copies of `image`.
  init(of image: Image) {
    self.image = image
  }

  /// The image at `width` x `height`, resized on first request.
  func resized(width: Int, height: Int) -> Image {
    if let copy = copies.withLock({ $0[[width, height]] }) { return copy }
    let copy = image.resized(width: width, height: height)
    copies.withLock { $0[[width, height]] = copy }
    return copy
  }
}
