#!/usr/bin/env python3
"""Detection speed: FaceGuard (XNNPACK) against ONNX Runtime on the same CenterFace model and images.

Both run the same padded input (image padded at the bottom/right to a multiple of 32) with the
same thread count; each image gets one warm-up run and the median of --runs timed runs, so the
figures are steady-state latency per image size. ONNX Runtime is given its best chance: the
model's weights are removed from the graph inputs first (the shipped file lists them there, which
blocks constant folding), and all graph optimisations are on.

Needs: pip install onnxruntime onnx pillow numpy
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


def pick_images(folder, count):
    found = []
    for base, _, names in os.walk(folder):
        found += [os.path.join(base, n) for n in names if n.lower().endswith((".jpg", ".jpeg", ".png"))]
    found.sort()
    if count and len(found) > count:
        step = len(found) / count
        found = [found[int(i * step)] for i in range(count)]
    return found


def onnxruntime_session(model_path, threads):
    import onnx
    import onnxruntime

    model = onnx.load(model_path)
    initializers = {t.name for t in model.graph.initializer}
    inputs = [i for i in model.graph.input if i.name not in initializers]
    del model.graph.input[:]
    model.graph.input.extend(inputs)
    for value, names in [(model.graph.input[0], "HW")] + [(output, "hw") for output in model.graph.output]:
        dims = value.type.tensor_type.shape.dim
        dims[0].dim_value = 1
        for dim, name in zip(dims[2:], names):
            dim.dim_param = name
    del model.graph.value_info[:]
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


def onnxruntime_times(paths, model_path, threads, runs):
    import numpy as np
    from PIL import Image

    session = onnxruntime_session(model_path, threads)
    name = session.get_inputs()[0].name
    times = []
    for path in paths:
        rgb = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32)
        height, width = rgb.shape[:2]
        padded = np.zeros(((height + 31) // 32 * 32, (width + 31) // 32 * 32, 3), np.float32)
        padded[:height, :width] = rgb[:, :, ::-1]
        blob = np.ascontiguousarray(padded.transpose(2, 0, 1)[None])
        session.run(None, {name: blob})
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            session.run(None, {name: blob})
            samples.append((time.perf_counter() - start) * 1000)
        times.append(statistics.median(samples))
    return times


def faceguard_times(paths, binary, threads, runs):
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "timings.json")
        subprocess.run(
            [binary, "bench", "--detect-only", "--runs", str(runs), "--threads", str(threads),
             "--json-out", out, *paths],
            check=True, stdout=subprocess.DEVNULL)
        with open(out) as handle:
            return [entry["ms"] for entry in json.load(handle)["images"]]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", default=os.path.join(ROOT, "..", "shared", "data", "widerface-dev", "images"))
    parser.add_argument("--count", type=int, default=60, help="images spread over the folder (0 = all)")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--models", default=os.environ.get("FACEGUARD_MODELS", os.path.join(ROOT, "models")))
    parser.add_argument("--faceguard", default=os.path.join(ROOT, ".build", "release", "faceguard"))
    args = parser.parse_args()

    paths = pick_images(args.images, args.count)
    if not paths:
        sys.exit(f"bench_detect: no images under {args.images}")
    model = os.path.join(args.models, "centerface.onnx")
    ours = faceguard_times(paths, args.faceguard, args.threads, args.runs)
    theirs = onnxruntime_times(paths, model, args.threads, args.runs)
    mean_ours, mean_theirs = statistics.mean(ours), statistics.mean(theirs)
    print(f"CenterFace detection, {len(paths)} images, {args.threads} threads, median of {args.runs} warm runs each")
    print(f"  FaceGuard (XNNPACK): {mean_ours:7.1f} ms per image")
    print(f"  ONNX Runtime:        {mean_theirs:7.1f} ms per image")
    print(f"  ratio FaceGuard / ONNX Runtime: {mean_ours / mean_theirs:.2f}x")


if __name__ == "__main__":
    main()
