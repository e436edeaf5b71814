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
}
