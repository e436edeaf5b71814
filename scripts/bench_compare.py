#!/usr/bin/env python3
"""Presets against deface and the MediaPipe full-range pipeline on composed group photos.

`faceguard bench --save-samples` composes a 1920x1080 and a 3840x2160 JPEG from the seven sample
portraits with faces from 20 to 300 px and records where the faces are. On those photos this
script measures, in one run on the same machine:

  * FaceGuard with each preset (whole anonymization, median of --runs, faces found of placed),
    with its default models (an ensemble for balanced and thorough) and with CenterFace alone,
    fast and balanced also with --precision fp32;
  * with --baseline, another FaceGuard binary (an older build) with --baseline-options
    (default --min-face 16) on the same photos;
  * MediaPipe BlazeFace full range as the original MediaPipe tool runs it (the whole photo
    letterboxed to 192x192, threshold 0.6): FaceGuard's `--model blazeface-full --preset fast`,
    which is that model and that pipeline;
  * deface (PyPI, default settings: CenterFace on ONNX Runtime at the photo's own size,
    threshold 0.2): the wall time of its command line per photo, and the faces its detector finds.

Needs deface installed (`pip install deface`) in the Python that runs this script, or
--deface-python pointing at one that has it.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def iou(a, b):
    ax2, ay2, bx2, by2 = a["x"] + a["w"], a["y"] + a["h"], b["x"] + b["w"], b["y"] + b["h"]
    w = max(0.0, min(ax2, bx2) - max(a["x"], b["x"]))
    h = max(0.0, min(ay2, by2) - max(a["y"], b["y"]))
    inter = w * h
    union = a["w"] * a["h"] + b["w"] * b["h"] - inter
    return inter / union if union > 0 else 0.0


DEFACE_DETECT = r"""
import json, sys, time
import imageio.v2 as iio
from deface.centerface import CenterFace
frame = iio.imread(sys.argv[1])
detector = CenterFace()
detector(frame, threshold=0.2)
start = time.perf_counter()
dets, _ = detector(frame, threshold=0.2)
ms = (time.perf_counter() - start) * 1000
faces = [{"x": float(d[0]), "y": float(d[1]), "w": float(d[2] - d[0]), "h": float(d[3] - d[1])} for d in dets]
print(json.dumps({"ms": ms, "faces": faces}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faceguard", default=os.path.join(ROOT, ".build", "release", "faceguard"))
    parser.add_argument("--deface-python", default=sys.executable)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--baseline", help="another faceguard binary (say an older build) to time with "
                        "--baseline-options on the same photos")
    parser.add_argument("--baseline-options", default="--min-face 16")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        common = ["--runs", str(args.runs), "--threads", str(args.threads)]
        first = True
        for preset, model in [("fast", []), ("fast", ["--precision", "fp32"]), ("balanced", []),
                              ("balanced", ["--precision", "fp32"]), ("balanced", ["--model", "centerface"]),
                              ("thorough", []), ("thorough", ["--model", "centerface"])]:
            save = ["--save-samples", folder] if first else []
            first = False
            subprocess.run([args.faceguard, "bench", "--preset", preset, *model, *common, *save], check=True)
            print()
        subprocess.run(
            [args.faceguard, "bench", "--model", "blazeface-full", "--preset", "fast", *common], check=True)
        print()
        photos = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".jpg"))
        if args.baseline:
            print(f"baseline {args.baseline} {args.baseline_options} (same photos; found is not counted)")
            subprocess.run([args.baseline, "bench", *args.baseline_options.split(), *common, *photos], check=True)
            print()
        print("deface 1.5.0 (default settings), wall time of `deface PHOTO` and its detector's faces")
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".jpg")):
            photo = os.path.join(folder, name)
            with open(photo + ".faces.json") as handle:
                placed = json.load(handle)["images"][0]["faces"]
            walls = []
            for _ in range(args.runs):
                output = os.path.join(folder, "deface-" + name)
                start = time.perf_counter()
                subprocess.run([args.deface_python, "-m", "deface.deface", photo, "-o", output],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                walls.append((time.perf_counter() - start) * 1000)
            detected = json.loads(subprocess.run(
                [args.deface_python, "-c", DEFACE_DETECT, photo], check=True, capture_output=True,
                text=True).stdout.strip().splitlines()[-1])
            found = sum(1 for truth in placed if any(iou(truth, face) > 0.3 for face in detected["faces"]))
            print(f"  {name:24s} command {statistics.median(walls):8.0f} ms   detector alone "
                  f"{detected['ms']:7.0f} ms   faces {len(detected['faces']):3d}   found {found}/{len(placed)}")


if __name__ == "__main__":
    main()
