import FaceGuardCore
import Foundation
import TestSupport
import Testing

@Suite("faceguard --jobs")
struct ParallelJobsCLITests {
  @Test("--jobs 2 writes the same bytes as --jobs 1")
  func jobsDoNotChangeOutputs() throws {
    try TemporaryFolder.use { folder in
      try folder.write(try Encoded.jpeg(Portrait.image), to: "in/a.jpg")
      try folder.write(try Encoded.png(Portrait.mirrored), to: "in/b.png")
      try folder.write(
        try Encoded.jpeg(Portrait.crop(x: 16, y: 8, width: 200, height: 224)), to: "in/sub/c.jpg")
      try folder.write(try Encoded.png(Orientation.down.apply(to: Portrait.image)), to: "in/d.png")
      let serial = try FaceGuardProcess.run(["--jobs", "1", "-o", "one", "in"], in: folder.url)
      #expect(serial.status == 0, "\(serial.standardError)")
      let parallel = try FaceGuardProcess.run(["--jobs", "2", "-o", "two", "in"], in: folder.url)
      #expect(parallel.status == 0, "\(parallel.standardError)")
      let names = try folder.allFiles(below: "one")
      #expect(names == ["a.jpg", "b.png", "d.png", "sub/c.jpg"])
      #expect(try folder.allFiles(below: "two") == names)
      for name in names {
        #expect(try folder.read("one/" + name) == folder.read("two/" + name), "\(name)")
      }
    }
  }
}
