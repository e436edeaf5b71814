import Foundation
import Testing

@testable import FaceDetection

@Suite struct ModelChoiceTests {
  @Test func namesOneModelOrSeveralJoinedByPlus() throws {
    #expect(ModelChoice("retinaface")?.models == [.retinaface])
    #expect(ModelChoice("centerface+retinaface")?.models == [.centerface, .retinaface])
    #expect(ModelChoice("retinaface+blazeface-full")?.description == "retinaface+blazeface-full")
    for refused in ["", "+", "centerface+", "centerface+centerface", "yolo", "CenterFace"] {
      #expect(ModelChoice(refused) == nil, "\(refused)")
    }
  }

  @Test func anEnsembleHasItsOwnDefaultThreshold() {
    #expect(
      ModelChoice(.blazefaceFull).defaultThreshold == FaceModel.blazefaceFull.defaultThreshold)
    #expect(
      ModelChoice([.centerface, .retinaface]).defaultThreshold == EnsembleDetector.defaultThreshold)
  }

  @Test func travelsAsItsName() throws {
    let choice = ModelChoice([.centerface, .retinaface])
    let data = try JSONEncoder().encode([choice])
    #expect(String(decoding: data, as: UTF8.self) == #"["centerface+retinaface"]"#)
    #expect(try JSONDecoder().decode([ModelChoice].self, from: data) == [choice])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([ModelChoice].self, from: Data(#"["centerface+yolo"]"#.utf8))
    }
  }
}
