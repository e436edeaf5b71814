#!/usr/bin/env python3
"""Video benchmark of `faceguard video`: leaks, speed against the encode floor and deface, memory.

Everything is measured on clips this script composes from the seven real portraits of the test
suite (astronaut.png and portraits/*, seven different people; the face boxes are the ones in
Tests/TestSupport/TestPortraits.swift, CenterFace's at each photo's own size). A head-and-
shoulders crop of a portrait (its face box doubled about its centre) is scaled so that the face
box has the wanted height and pasted onto a textured background (smooth colour fields, a static
fine texture, per-frame grain, a slow camera pan), so the script knows every face's box in every
frame. No person appears twice at the same time. Frames are encoded with ffmpeg (libx264,
yuv420p, plus a 440 Hz AAC tone).

1. Leaks (`--mode solid --color ff00ff`, so that what is masked can be measured; the masks are
   the same for every mode). Clips at 1280x720 (the rotated one 720x1280 upright):
     motion     seven faces of 20-300 px moving, one of them fast (5.5 px per frame)
     edges      faces entering from the left, right, top and bottom edges, one leaving
     occluder   a grey bar covers a face for 2-10 frames, four faces
     scene-cut  background and people change at frame 50 (new people where the old ones were)
     far        seven people walking away: every face shrinks from 40 to 20 px
     vfr        irregular frame durations (1/60-1/15 s) with two gaps of 0.3 and 0.6 s; motion
                follows time, so faces jump across gaps; one face grows from 60 to 150 px
     rotated    a phone clip: upright 720x1280 frames stored turned a quarter clockwise, with a
                `rotate=90` tag (a display matrix that ffprobe reports as rotation=90)
   Frames are given to ffmpeg as an ffconcat list of PPM files (`option framerate 90000` and a
   per-frame `duration`; `-fps_mode passthrough -video_track_timescale 90000`). Each clip is run
   through `faceguard video` once per --detect-every value; the output is decoded with
   `ffmpeg -f rawvideo -pix_fmt rgb24 -fps_mode passthrough` with ffmpeg's autorotation, which
   turns frames upright (checked on every input clip: the decoded input must match the composed
   upright frames). A face counts as visible in a frame when it is at least 20 px tall and at
   least half of its box's pixels show it (not outside the frame, not under the grey bar or
   another pasted crop). Its coverage is the fraction of those pixels within a colour distance of
   magenta (largest channel difference < 48); it is protected at >= 0.7 (the WIDER scorer's
   definition), and a frame leaks when any visible face in it is not protected. Per clip and
   --detect-every: leaking frames / frames with visible faces, the worst coverage, every leak
   with its frame, time, face size and situation, whether the output's frame timestamps (ffprobe
   `frame=pts_time`) equal the input's and whether its stream list (type, codec, size, rotation,
   audio format) equals the input's.

2. Speed (default settings: blur, --detect-every 3, balanced preset, H.264 CRF 18 preset
   medium): a 1920x1080 and a 3840x2160 clip at 30 fps of --seconds seconds (default 10) with
   seven faces (20-200 px at 1080p, twice that at 4K). In the same run, on the same clip:
   (a) the decode+encode floor, `ffmpeg -i IN -map 0 -c:v libx264 -crf 18 -preset medium -c:a
   copy -fps_mode passthrough OUT` (FaceGuard's default encoder settings); (b) deface (PyPI,
   default settings: `deface IN -o OUT`; it uses ONNX Runtime when installed next to it, else
   OpenCV, and says which). Wall time of each whole command; fps = frames / wall time. deface at
   4K is slow: by default it gets the first --deface-frames-4k frames (a re-encoded copy of the
   clip's start) and its fps is extrapolated from those (start-up included), which the output
   says.

3. Memory: peak RSS (`/usr/bin/time -v`, "Maximum resident set size") of `faceguard video` with
   default settings on the 1080p clip at each --memory-seconds length (default 10 and 60 s);
   it must not grow with duration (the check allows 25 % + 64 MB).

Composed clips live in .build/bench-video/ (git-ignored) with their ground truth and are reused
while their description is unchanged. The output is noisy on a busy machine; the ratios compare
commands measured in the same run. Raw numbers go to --json-out. The exit status is 1 when a
leak, a timestamp or stream mismatch, or memory growth was found, 2 when something could not
run. --smoke runs two tiny leak clips at --detect-every 3, a tiny speed clip against the floor
and a tiny memory check, without deface, in a minute or two.

Needs ffmpeg/ffprobe (Debian's 5.1), /usr/bin/time, Python 3 with numpy, and for the comparison
deface (`python3 -m venv .build-bench-venv && .build-bench-venv/bin/pip install deface onnx
onnxruntime`; found on PATH or in .build-bench-venv, or given with --deface).
"""
import argparse
import hashlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = 90000  # the clips' time base: 1/90000 s
CFR30 = 3000  # ticks of one frame at 30 fps
# Bumped whenever the composition code changes, so stale clips are composed again.
COMPOSER_VERSION = 3

# File, face box (x, y, w, h) at the photo's own size: Tests/TestSupport/TestPortraits.swift.
PORTRAITS = [
    ("astronaut.png", (181, 58, 88, 119)),
    ("portraits/camera.png", (202, 118, 55, 78)),
    ("portraits/grace_hopper.jpg", (173, 127, 185, 207)),
    ("portraits/obama.jpg", (374, 107, 228, 310)),
    ("portraits/biden.jpg", (431, 171, 267, 379)),
    ("portraits/luispedro.jpg", (36, 74, 186, 248)),
    ("portraits/justin.jpg", (99, 80, 170, 211)),
]
NAMES = [os.path.splitext(os.path.basename(file))[0] for file, _ in PORTRAITS]
AST, CAM, GRACE, OBAMA, BIDEN, LUIS, JUSTIN = range(7)

MIN_FACE = 20  # faces from this height count
PROTECTED = 0.7  # coverage at which a face counts as hidden
MAGENTA_DISTANCE = 48  # largest channel difference from ff00ff that counts as masked


class Failure(Exception):
    """Something the benchmark needs could not be done."""


# ----------------------------------------------------------------------------------------------
# Processes


def run(command, **kwargs):
    """Runs `command`, failing with its error output."""
    result = subprocess.run(command, capture_output=True, **kwargs)
    if result.returncode != 0:
        error = result.stderr.decode(errors="replace") if isinstance(result.stderr, bytes) else result.stderr
        raise Failure(f"{' '.join(map(str, command[:6]))} ... failed ({result.returncode}): {error.strip()[-2000:]}")
    return result


def ffmpeg(arguments, **kwargs):
    return run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *arguments], **kwargs)


def probe(path):
    """Streams of `path` as ffprobe reports them."""
    out = run(["ffprobe", "-v", "error", "-show_streams", "-of", "json", path]).stdout
    return json.loads(out)["streams"]


def stream_rotation(stream):
    for side in stream.get("side_data_list", []):
        if "rotation" in side:
            return int(side["rotation"])
    return 0


def stream_list(path):
    """What must survive anonymization: per stream its type, codec, size, rotation, audio format."""
    described = []
    for stream in probe(path):
        item = {"type": stream.get("codec_type"), "codec": stream.get("codec_name")}
        if item["type"] == "video":
            item.update(width=stream.get("width"), height=stream.get("height"), rotation=stream_rotation(stream))
        elif item["type"] == "audio":
            item.update(sample_rate=stream.get("sample_rate"), channels=stream.get("channels"))
        described.append(item)
    return described


def frame_times(path):
    """The presentation times of the first video stream's frames, as ffprobe prints them."""
    out = run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts_time",
               "-of", "json", path]).stdout
    return [frame.get("pts_time") for frame in json.loads(out)["frames"]]


def upright_size(path):
    video = next(s for s in probe(path) if s.get("codec_type") == "video")
    width, height = video["width"], video["height"]
    return (height, width) if stream_rotation(video) % 180 else (width, height)


def decoded_frames(path):
    """Yields the frames of `path` as upright RGB arrays (ffmpeg's autorotation, every frame)."""
    width, height = upright_size(path)
    size = width * height * 3
    process = subprocess.Popen(
        ["ffmpeg", "-v", "error", "-nostdin", "-i", path, "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt",
         "rgb24", "-fps_mode", "passthrough", "-enc_time_base", "-1", "-"], stdout=subprocess.PIPE, bufsize=size)
    try:
        while True:
            data = process.stdout.read(size)
            if len(data) < size:
                break
            yield np.frombuffer(data, np.uint8).reshape(height, width, 3)
    finally:
        process.stdout.close()
        process.wait()


def timed(command, log, env=None):
    """Runs `command` under /usr/bin/time -v; returns wall seconds, peak RSS in MB, CPU seconds."""
    stats = log + ".time"
    start = time.perf_counter()
    with open(log, "wb") as output:
        code = subprocess.run(["/usr/bin/time", "-v", "-o", stats, *command], stdout=output,
                              stderr=subprocess.STDOUT, env=env).returncode
    wall = time.perf_counter() - start
    if code != 0:
        with open(log, errors="replace") as handle:
            raise Failure(f"{os.path.basename(command[0])} failed ({code}), log {log}: {handle.read()[-1500:]}")
    rss, cpu = None, 0.0
    with open(stats) as handle:
        for line in handle:
            name, _, value = line.strip().rpartition(": ")
            if name == "Maximum resident set size (kbytes)":
                rss = int(value) / 1024
            elif name in ("User time (seconds)", "System time (seconds)"):
                cpu += float(value)
    return wall, rss, cpu


# ----------------------------------------------------------------------------------------------
# Composition


def resize_weights(source, target):
    """Rows of weights mapping `source` samples to `target` (triangle filter, widened when
    shrinking so every source pixel contributes: no aliasing)."""
    scale = source / target
    support = max(scale, 1.0)
    centres = (np.arange(target) + 0.5) * scale - 0.5
    weights = np.maximum(0.0, 1.0 - np.abs(np.arange(source)[None, :] - centres[:, None]) / support)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights.astype(np.float32)


def resize(image, width, height):
    """`image` (H x W x C, any numeric type) resized to width x height, as float32."""
    rows = resize_weights(image.shape[0], height)
    columns = resize_weights(image.shape[1], width)
    channels = image.shape[2]
    tall = rows @ image.astype(np.float32).reshape(image.shape[0], -1)
    tall = tall.reshape(height, image.shape[1], channels).transpose(0, 2, 1)
    return (tall @ columns.T).transpose(0, 2, 1)


def load_portraits(models):
    portraits = []
    for file, face in PORTRAITS:
        path = os.path.join(models, file)
        if not os.path.exists(path):
            raise Failure(f"{path} is missing: run scripts/setup.sh or set FACEGUARD_MODELS")
        width, height = upright_size(path)
        data = ffmpeg(["-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]).stdout
        portraits.append((np.frombuffer(data, np.uint8).reshape(height, width, 3), face))
    return portraits


class Composer:
    """Renders the frames of a clip description and knows where every face is."""

    def __init__(self, portraits, spec):
        self.portraits = portraits
        self.spec = spec
        self.width, self.height = spec["width"], spec["height"]
        self.pieces = {}
        self.times = np.concatenate([[0], np.cumsum(spec["durations"])[:-1]]) / TICKS
        self.count = len(spec["durations"])
        pan = spec["pan"]
        self.margin = max(int(pan * 48), 1)
        self.backgrounds = {}
        rng = np.random.default_rng(spec["seed"])
        self.grains = [rng.integers(0, 9, (self.height, self.width, 3), dtype=np.uint8) for _ in range(3)]

    def background(self, scene):
        if scene not in self.backgrounds:
            seed = self.spec["scenes"][scene][1]
            rng = np.random.default_rng(seed)
            width, height = self.width + 2 * self.margin, self.height + 2 * self.margin
            coarse = resize(rng.uniform(40, 215, (5, 8, 3)), width, height)
            middle = resize(rng.uniform(-32, 32, (height // 48 + 2, width // 48 + 2, 3)), width, height)
            coarse += middle
            del middle
            coarse += rng.random((height, width, 3), dtype=np.float32) * 28 - 14
            # Keep far from magenta (the mask colour): green never below 60.
            np.maximum(coarse[..., 1], 60, out=coarse[..., 1])
            self.backgrounds = {scene: np.clip(coarse, 8, 247).astype(np.uint8)}
        return self.backgrounds[scene]

    def piece(self, portrait, face_height):
        """The head-and-shoulders crop of `portrait` with a face `face_height` px tall, and the
        face box in it."""
        key = (portrait, face_height)
        if key not in self.pieces:
            image, (fx, fy, fw, fh) = self.portraits[portrait]
            cx, cy = fx + fw / 2, fy + fh / 2
            left, top = max(int(cx - fw), 0), max(int(cy - fh), 0)
            right = min(int(math.ceil(cx + fw)), image.shape[1])
            bottom = min(int(math.ceil(cy + fh)), image.shape[0])
            scale = face_height / fh
            width = max(1, round((right - left) * scale))
            height = max(1, round((bottom - top) * scale))
            piece = np.clip(resize(image[top:bottom, left:right], width, height) + 0.5, 0, 255).astype(np.uint8)
            sx, sy = width / (right - left), height / (bottom - top)
            if len(self.pieces) > 400:
                self.pieces.clear()
            self.pieces[key] = (piece, ((fx - left) * sx, (fy - top) * sy, fw * sx, fh * sy))
        return self.pieces[key]

    def scene_of(self, index):
        return max(number for number, (start, _) in enumerate(self.spec["scenes"]) if start <= index)

    def render(self, index):
        """Frame `index` (upright, H x W x 3 uint8) and its faces."""
        spec = self.spec
        scene = self.scene_of(index)
        background = self.background(scene)
        # A slow camera pan: the window moves back and forth over the larger background.
        span = 2 * self.margin
        step = int(index * spec["pan"]) % (2 * span)
        offset_x = step if step <= span else 2 * span - step
        offset_y = offset_x // 2
        frame = background[offset_y:offset_y + self.height, offset_x:offset_x + self.width] - np.uint8(4)
        frame += self.grains[int(np.random.default_rng([spec["seed"], index]).integers(3))]
        placed = []
        t = self.times[index]
        active = [(number, actor) for number, actor in enumerate(spec["actors"])
                  if actor["frames"][0] <= index < actor["frames"][1]]
        # Larger faces first, so smaller (farther) people are drawn in front of them.
        active.sort(key=lambda item: -max(item[1]["from"][2], item[1]["to"][2]))
        for number, actor in active:
            first, last = actor["frames"][0], actor["frames"][1] - 1
            span_t = self.times[last] - self.times[first]
            progress = (t - self.times[first]) / span_t if span_t > 0 else 0.0
            cx, cy, size = (a + (b - a) * progress for a, b in zip(actor["from"], actor["to"]))
            piece, (px, py, pw, ph) = self.piece(actor["portrait"], int(round(size)))
            left = int(round(cx - (px + pw / 2)))
            top = int(round(cy - (py + ph / 2)))
            area = (left, top, left + piece.shape[1], top + piece.shape[0])
            self.paste(frame, piece, left, top)
            box = (left + px, top + py, pw, ph)
            for other in placed:
                if overlaps(area, other["pixels"]):
                    other["covers"].append(area)
            face = {"actor": number, "portrait": NAMES[actor["portrait"]], "box": box, "height": ph,
                    "pixels": pixel_rect(box), "covers": [], "occluded": False}
            if any(a <= index < b for a, b in actor.get("occluded", [])):
                bar = pixel_rect(scaled(box, 1.6))
                self.fill(frame, bar, 128)
                face["occluded"] = True
                for other in [*placed, face]:
                    if overlaps(bar, other["pixels"]):
                        other["covers"].append(bar)
            placed.append(face)
        faces = []
        for face in placed:
            own = own_mask(face["pixels"], face["covers"], self.width, self.height)
            shown = int(own[2].sum()) if own else 0
            x, y, w, h = face["box"]
            face["shown"] = shown / (w * h)
            face["visible"] = face["height"] >= MIN_FACE and face["shown"] >= 0.5
            face["inside"] = inside_fraction(face["box"], self.width, self.height)
            faces.append(face)
        return frame, faces

    def paste(self, frame, piece, left, top):
        x0, y0 = max(left, 0), max(top, 0)
        x1 = min(left + piece.shape[1], self.width)
        y1 = min(top + piece.shape[0], self.height)
        if x0 < x1 and y0 < y1:
            frame[y0:y1, x0:x1] = piece[y0 - top:y1 - top, x0 - left:x1 - left]

    def fill(self, frame, area, value):
        x0, y0, x1, y1 = area
        frame[max(y0, 0):max(min(y1, self.height), 0), max(x0, 0):max(min(x1, self.width), 0)] = value


def scaled(box, factor):
    x, y, w, h = box
    return (x + w / 2 - w * factor / 2, y + h / 2 - h * factor / 2, w * factor, h * factor)


def pixel_rect(box):
    """The pixels a box touches, as (x0, y0, x1, y1)."""
    x, y, w, h = box
    return (int(math.floor(x)), int(math.floor(y)), int(math.ceil(x + w)), int(math.ceil(y + h)))


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def own_mask(pixels, covers, width, height):
    """(x0, y0, mask) of the pixels of `pixels` inside the frame and under none of `covers`."""
    x0, y0 = max(pixels[0], 0), max(pixels[1], 0)
    x1, y1 = min(pixels[2], width), min(pixels[3], height)
    if x0 >= x1 or y0 >= y1:
        return None
    mask = np.ones((y1 - y0, x1 - x0), bool)
    for cx0, cy0, cx1, cy1 in covers:
        mask[max(cy0 - y0, 0):max(cy1 - y0, 0), max(cx0 - x0, 0):max(cx1 - x0, 0)] = False
    return x0, y0, mask


def inside_fraction(box, width, height):
    x, y, w, h = box
    inside = max(0.0, min(x + w, width) - max(x, 0)) * max(0.0, min(y + h, height) - max(y, 0))
    return inside / (w * h)


def coverage(frame, face, width, height):
    """Fraction of the face's shown pixels that are (close to) magenta in `frame`."""
    own = own_mask(face["pixels"], face["covers"], width, height)
    x0, y0, mask = own
    area = frame[y0:y0 + mask.shape[0], x0:x0 + mask.shape[1]].astype(np.int16)
    magenta = ((area[..., 0] > 255 - MAGENTA_DISTANCE) & (area[..., 1] < MAGENTA_DISTANCE)
               & (area[..., 2] > 255 - MAGENTA_DISTANCE))
    return float((magenta & mask).sum()) / float(mask.sum())


# ----------------------------------------------------------------------------------------------
# Clip descriptions


def actor(portrait, start, end, frames, occluded=()):
    """A face: portrait, (centre x, centre y, face height) at its first and last frame."""
    return {"portrait": portrait, "from": list(start), "to": list(end), "frames": list(frames),
            "occluded": [list(span) for span in occluded]}


def leak_clip(name, width, height, durations, actors, scenes=((0, 11),), rotate=0, seed=1):
    return {"name": name, "kind": "leak", "width": width, "height": height, "durations": list(durations),
            "actors": actors, "scenes": [list(s) for s in scenes], "rotate": rotate, "seed": seed, "pan": 1.0,
            "x264": ["-preset", "veryfast", "-crf", "14"]}


def vfr_durations(count, seed):
    rng = np.random.default_rng(seed)
    durations = [int(d) for d in rng.choice([1500, 2400, 3000, 3000, 3750, 6000], count)]
    durations[40] = 27000  # 0.3 s gap
    durations[85] = 54000  # 0.6 s gap
    return durations


def leak_clips():
    w, h = 1280, 720
    return [
        leak_clip("motion", w, h, [CFR30] * 120, [
            actor(BIDEN, (1000, 380, 300), (930, 400, 300), (0, 120)),
            actor(GRACE, (120, 140, 110), (560, 170, 110), (0, 120)),
            actor(OBAMA, (620, 630, 60), (150, 580, 60), (0, 120)),
            actor(LUIS, (300, 420, 36), (640, 330, 36), (0, 120)),
            actor(JUSTIN, (40, 300, 24), (260, 300, 24), (0, 120)),
            actor(AST, (480, 480, 20), (520, 450, 20), (0, 120)),
            actor(CAM, (700, 40, 48), (720, 700, 48), (0, 120)),
        ], seed=1),
        leak_clip("edges", w, h, [CFR30] * 90, [
            actor(OBAMA, (-80, 150, 100), (400, 150, 100), (0, 90)),  # in from the left
            actor(GRACE, (1340, 520, 64), (900, 500, 64), (0, 90)),  # in from the right
            actor(LUIS, (700, -40, 40), (700, 300, 40), (0, 90)),  # in from the top
            actor(JUSTIN, (200, 480, 140), (230, 840, 140), (0, 90)),  # out at the bottom
            actor(CAM, (560, 750, 30), (520, 560, 30), (0, 90)),  # in from the bottom
            actor(AST, (1300, 60, 22), (1100, 80, 22), (0, 90)),  # in from the right, tiny
        ], scenes=((0, 21),), seed=2),
        leak_clip("occluder", w, h, [CFR30] * 90, [
            actor(LUIS, (200, 300, 120), (600, 320, 120), (0, 90), occluded=[(30, 34)]),
            actor(GRACE, (1100, 150, 48), (800, 200, 48), (0, 90), occluded=[(20, 28)]),
            actor(JUSTIN, (900, 560, 28), (1150, 600, 28), (0, 90), occluded=[(45, 47), (60, 66)]),
            actor(AST, (380, 600, 70), (420, 600, 70), (0, 90), occluded=[(10, 20)]),
        ], scenes=((0, 31),), seed=3),
        leak_clip("scene-cut", w, h, [CFR30] * 100, [
            actor(OBAMA, (300, 300, 90), (380, 300, 90), (0, 50)),
            actor(JUSTIN, (900, 200, 36), (950, 220, 36), (0, 50)),
            actor(CAM, (640, 560, 24), (600, 560, 24), (0, 50)),
            # After the cut: other people, two of them where the first ones were.
            actor(BIDEN, (350, 380, 160), (330, 370, 160), (50, 100)),
            actor(GRACE, (900, 220, 50), (880, 230, 50), (50, 100)),
            actor(LUIS, (650, 560, 30), (700, 540, 30), (50, 100)),
            actor(AST, (1150, 100, 22), (1100, 120, 22), (50, 100)),
        ], scenes=((0, 41), (50, 42)), seed=4),
        leak_clip("vfr", w, h, vfr_durations(120, 5), [
            actor(GRACE, (100, 180, 80), (1100, 240, 80), (0, 120)),
            actor(OBAMA, (1150, 580, 44), (200, 540, 44), (0, 120)),
            actor(JUSTIN, (300, 390, 26), (860, 400, 26), (0, 120)),
            actor(LUIS, (1080, 420, 60), (1050, 380, 150), (40, 120)),  # grows from 60 to 150 px
            actor(AST, (600, 640, 22), (700, 620, 22), (0, 120)),
        ], scenes=((0, 51),), seed=5),
        # Seven people walking away from the camera: faces shrink from 40 to 20 px.
        leak_clip("far", w, h, [CFR30] * 150, [
            actor(AST, (200, 200, 40), (260, 240, 20), (0, 150)),
            actor(CAM, (500, 180, 40), (540, 230, 20), (0, 150)),
            actor(GRACE, (800, 190, 40), (760, 235, 20), (0, 150)),
            actor(OBAMA, (1100, 210, 40), (1000, 250, 20), (0, 150)),
            actor(BIDEN, (300, 520, 40), (360, 470, 20), (0, 150)),
            actor(LUIS, (650, 540, 40), (640, 480, 20), (0, 150)),
            actor(JUSTIN, (1000, 530, 40), (920, 475, 20), (0, 150)),
        ], scenes=((0, 55),), seed=10),
        leak_clip("rotated", 720, 1280, [CFR30] * 90, [
            actor(OBAMA, (360, 520, 200), (390, 540, 200), (0, 90)),
            actor(GRACE, (150, 1010, 60), (560, 1060, 60), (0, 90)),
            actor(JUSTIN, (600, 150, 30), (200, 200, 30), (0, 90)),
            actor(LUIS, (820, 850, 90), (520, 800, 90), (0, 90)),  # in from the right
            actor(AST, (120, 780, 24), (160, 700, 24), (0, 90)),
        ], scenes=((0, 61),), rotate=90, seed=6),
    ]


def smoke_clips():
    w, h = 480, 272
    durations = [CFR30] * 40
    durations[19] = CFR30 + 22500  # a 0.25 s gap after frame 19
    return [
        leak_clip("smoke-mixed", w, h, durations, [
            actor(OBAMA, (-10, 90, 70), (300, 110, 70), (0, 40)),  # in from the left edge
            actor(AST, (400, 200, 56), (330, 180, 56), (0, 24), occluded=[(10, 14)]),
            actor(JUSTIN, (140, 190, 90), (180, 170, 90), (24, 40)),  # after the cut
        ], scenes=((0, 71), (24, 72)), seed=7),
        leak_clip("smoke-rotated", 272, 480, [CFR30] * 24, [
            actor(GRACE, (130, 140, 80), (150, 170, 80), (0, 24)),
            actor(LUIS, (100, 380, 40), (200, 360, 40), (0, 24)),
        ], scenes=((0, 81),), rotate=90, seed=8),
    ]


def speed_clip(width, height, seconds, seed=9):
    """`seconds` at 30 fps, seven people walking (face heights 20-200 px at 1080p, scaled with
    the frame), some entering or leaving."""
    count = int(round(seconds * 30))
    k = width / 1920

    def person(portrait, start, end, first, last):
        frames = (int(round(first * count)), max(int(round(last * count)), int(round(first * count)) + 1))
        return actor(portrait, [start[0] * k, start[1] * k, max(start[2] * k, 12)],
                     [end[0] * k, end[1] * k, max(end[2] * k, 12)], frames)

    return {"name": f"speed-{width}x{height}-{seconds:g}s", "kind": "speed", "width": width, "height": height,
            "durations": [CFR30] * count, "scenes": [[0, 91]], "rotate": 0, "seed": seed, "pan": k,
            "x264": ["-preset", "fast", "-crf", "18"],
            "actors": [
                person(BIDEN, (1500, 520, 200), (1350, 560, 200), 0, 1),
                person(OBAMA, (-100, 300, 120), (700, 330, 120), 0, 0.7),  # walks in from the left
                person(GRACE, (900, 850, 80), (1150, 800, 80), 0, 1),
                person(LUIS, (400, 700, 48), (200, 760, 48), 0.2, 1),
                person(JUSTIN, (1100, 120, 32), (700, 160, 32), 0, 1),
                person(CAM, (1800, 960, 22), (1650, 930, 22), 0, 1),
                person(AST, (1850, 150, 26), (2000, 170, 26), 0, 0.6),  # leaves on the right
            ]}


def spec_digest(spec):
    text = json.dumps({"spec": spec, "version": COMPOSER_VERSION, "portraits": PORTRAITS}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# ----------------------------------------------------------------------------------------------
# Making clips


def make_clip(spec, portraits, work, rebuild=False):
    """Composes and encodes `spec` (or reuses it); returns (path, truth)."""
    path = os.path.join(work, "clips", spec["name"] + ".mp4")
    truth_path = path + ".truth.json"
    digest = spec_digest(spec)
    if not rebuild and os.path.exists(path) and os.path.exists(truth_path):
        with open(truth_path) as handle:
            truth = json.load(handle)
        if truth.get("digest") == digest:
            return path, truth
    os.makedirs(os.path.dirname(path), exist_ok=True)
    print(f"  composing {spec['name']} ({spec['width']}x{spec['height']}, {len(spec['durations'])} frames)",
          flush=True)
    composer = Composer(portraits, spec)
    duration = sum(spec["durations"]) / TICKS
    tone = ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={duration:.6f}"]
    encode = ["-map", "0:v", "-map", "1:a", "-c:v", "libx264", *spec["x264"], "-pix_fmt", "yuv420p",
              "-fps_mode", "passthrough", "-video_track_timescale", str(TICKS), "-c:a", "aac", "-b:a", "96k"]
    staged = path + ".part.mp4"
    frames = []
    folder = path + ".frames"
    if spec["kind"] == "leak":
        # Irregular times: an ffconcat list of one-frame PPM files with a duration each.
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        lines = ["ffconcat version 1.0"]
        for index in range(composer.count):
            frame, faces = composer.render(index)
            frames.append(faces)
            stored = np.ascontiguousarray(np.rot90(frame, k=-1)) if spec["rotate"] == 90 else frame
            name = f"f{index:05d}.ppm"
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(b"P6\n%d %d\n255\n" % (stored.shape[1], stored.shape[0]))
                handle.write(stored.tobytes())
            lines += [f"file '{name}'", "option framerate 90000",
                      f"duration {spec['durations'][index] / TICKS:.9f}"]
        with open(os.path.join(folder, "frames.ffconcat"), "w") as handle:
            handle.write("\n".join(lines) + "\n")
        ffmpeg(["-f", "concat", "-safe", "0", "-i", os.path.join(folder, "frames.ffconcat"), *tone, *encode,
                staged])
        shutil.rmtree(folder)
    else:
        assert spec["rotate"] == 0 and set(spec["durations"]) == {CFR30}
        command = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                   "-s", f"{spec['width']}x{spec['height']}", "-framerate", "30", "-i", "-", *tone, *encode,
                   staged]
        process = subprocess.Popen(command, stdin=subprocess.PIPE)
        try:
            for index in range(composer.count):
                frame, faces = composer.render(index)
                frames.append(faces)
                process.stdin.write(frame.tobytes())
        finally:
            process.stdin.close()
        if process.wait() != 0:
            raise Failure(f"ffmpeg could not encode {spec['name']}")
    if spec["rotate"]:
        rotated = path + ".part-rotated.mp4"
        ffmpeg(["-i", staged, "-map", "0", "-c", "copy", "-metadata:s:v:0", f"rotate={spec['rotate']}", rotated])
        os.replace(rotated, staged)
    check = verify_input(staged, spec, composer, frames)
    truth = {"digest": digest, "name": spec["name"], "width": spec["width"], "height": spec["height"],
             "rotate": spec["rotate"], "durations": spec["durations"], "times": composer.times.tolist(),
             "scenes": spec["scenes"], "actors": spec["actors"], "check": check,
             "frames": [[{k: f[k] for k in ("actor", "portrait", "box", "height", "pixels", "covers",
                                            "occluded", "shown", "visible", "inside")} for f in faces]
                        for faces in frames]}
    with open(truth_path + ".part", "w") as handle:
        json.dump(truth, handle)
    os.replace(staged, path)
    os.replace(truth_path + ".part", truth_path)
    return path, truth


def verify_input(path, spec, composer, frames):
    """The encoded clip must decode upright to the composed frames, with the intended times."""
    rotation = stream_rotation(next(s for s in probe(path) if s["codec_type"] == "video"))
    if rotation != spec["rotate"]:
        raise Failure(f"{spec['name']}: ffprobe reports rotation {rotation}, wanted {spec['rotate']}")
    step = max(composer.count // 12, 1)
    differences, input_coverage, count = [], 0.0, 0
    for index, decoded in enumerate(decoded_frames(path)):
        count += 1
        if decoded.shape != (spec["height"], spec["width"], 3):
            raise Failure(f"{spec['name']}: decoded frames are {decoded.shape[1]}x{decoded.shape[0]}, "
                          f"not upright {spec['width']}x{spec['height']}")
        if index % step == 0:
            expected, _ = composer.render(index)
            differences.append(float(np.abs(decoded.astype(np.int16) - expected).mean()))
        for face in frames[index]:
            if face["visible"]:
                input_coverage = max(input_coverage, coverage(decoded, face, spec["width"], spec["height"]))
    if count != composer.count:
        raise Failure(f"{spec['name']}: {count} frames decoded, {composer.count} composed")
    if max(differences) > 8:
        raise Failure(f"{spec['name']}: decoded input differs from the composition (mean abs diff "
                      f"{max(differences):.1f}): not upright or misaligned")
    times = [float(t) for t in frame_times(path)]
    drift = max(abs(a - b) for a, b in zip(times, composer.times))
    return {"mean_abs_difference": max(differences), "input_max_coverage": input_coverage,
            "time_error_s": drift}


# ----------------------------------------------------------------------------------------------
# Leaks


def situation(truth, index, face):
    """Words for what is going on with `face` in frame `index`."""
    words = []
    actor = truth["actors"][face["actor"]]
    first, last = actor["frames"][0], actor["frames"][1] - 1
    if face["inside"] < 0.999:
        words.append(f"at the frame edge ({face['inside']:.0%} inside)")
    if index - first < 4:
        words.append(f"appeared {index - first} frame(s) ago" if index > first else "first frame shown")
    if last - index < 3:
        end = "the clip ends" if last == len(truth["frames"]) - 1 else "it disappears"
        words.append(f"{last - index} frame(s) before {end}")
    for a, b in actor.get("occluded", []):
        if 0 <= index - b < 5:
            words.append(f"{index - b + 1} frame(s) after the occluder ({b - a} frames) left")
        if 0 < a - index <= 3:
            words.append(f"{a - index} frame(s) before the occluder")
    for start, _ in truth["scenes"][1:]:
        if 0 <= index - start < 5:
            words.append(f"{index - start} frame(s) after the scene cut")
    if index > 0:
        gap = truth["times"][index] - truth["times"][index - 1]
        if gap > 0.1:
            words.append(f"after a {gap:.2f} s gap")
    if face["shown"] < 0.999 and face["inside"] >= 0.999:
        words.append(f"{face['shown']:.0%} shown (partly under something)")
    if actor["from"][2] != actor["to"][2]:
        words.append(f"{'growing' if actor['to'][2] > actor['from'][2] else 'shrinking'} from "
                     f"{actor['from'][2]:.0f} to {actor['to'][2]:.0f} px")
    x0, y0 = actor["from"][:2]
    x1, y1 = actor["to"][:2]
    duration = truth["times"][last] - truth["times"][first]
    if duration > 0:
        words.append(f"moving {math.hypot(x1 - x0, y1 - y0) / duration / 30:.1f} px/frame at 30 fps")
    return words


def score(output, truth):
    """Per frame coverage of every visible face in `output`; returns the measurements."""
    width, height = truth["width"], truth["height"]
    visible_frames, leaking, worst, leaks, decoded = 0, [], None, [], 0
    shown_frames = {}
    for faces in truth["frames"]:
        for face in faces:
            if face["visible"]:
                shown_frames[face["actor"]] = shown_frames.get(face["actor"], 0) + 1
    for index, frame in enumerate(decoded_frames(output)):
        decoded += 1
        if index >= len(truth["frames"]):
            break
        if frame.shape != (height, width, 3):
            raise Failure(f"{output}: frames decode as {frame.shape[1]}x{frame.shape[0]}, not {width}x{height}")
        faces = [f for f in truth["frames"][index] if f["visible"]]
        if not faces:
            continue
        visible_frames += 1
        leaked = False
        for face in faces:
            value = coverage(frame, face, width, height)
            if worst is None or value < worst["coverage"]:
                worst = {"coverage": value, "frame": index, "portrait": face["portrait"],
                         "height": round(face["height"], 1)}
            if value < PROTECTED:
                leaked = True
                x, y, w, h = face["box"]
                leaks.append({"frame": index, "time": round(truth["times"][index], 6), "actor": face["actor"],
                              "portrait": face["portrait"], "coverage": round(value, 3),
                              "height": round(face["height"], 1), "visible_frames_of_face": shown_frames[face["actor"]],
                              "box": [round(x, 1), round(y, 1), round(w, 1), round(h, 1)],
                              "situation": situation(truth, index, face)})
        if leaked:
            leaking.append(index)
    return {"frames_decoded": decoded, "frames_with_visible_faces": visible_frames,
            "leaking_frames": len(leaking), "leaking_frame_indices": leaking,
            "face_frames_leaked": len(leaks), "worst": worst, "leaks": leaks}


def faceguard_env(args):
    env = dict(os.environ)
    env["FACEGUARD_MODELS"] = args.models
    return env


def run_faceguard(args, clip, name, extra):
    """Runs `faceguard video` on `clip` into work/out/NAME/; returns output, wall, RSS, report."""
    folder = os.path.join(args.work, "out", name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    report = os.path.join(folder, "report.json")
    log = os.path.join(args.work, "logs", name + ".log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    wall, rss, cpu = timed([args.faceguard, "video", *extra, "--report", report, "-o", folder, clip], log,
                           env=faceguard_env(args))
    output = os.path.join(folder, os.path.basename(clip))
    if not os.path.exists(output):
        raise Failure(f"faceguard wrote no {output} (log {log})")
    with open(report) as handle:
        video = json.load(handle)["files"][0].get("video", {})
    return output, wall, rss, cpu, video


def leak_benchmark(args, clips, results):
    rows = []
    for spec in clips:
        path, truth = make_clip(spec, args.portraits, args.work, args.rebuild_clips)
        input_times = frame_times(path)
        input_streams = stream_list(path)
        for every in args.detect_every:
            print(f"  {spec['name']}, --detect-every {every}", flush=True)
            output, wall, rss, cpu, video = run_faceguard(
                args, path, f"leak-{spec['name']}-d{every}",
                ["--mode", "solid", "--color", "ff00ff", "--detect-every", str(every)])
            measured = score(output, truth)
            output_times = frame_times(output)
            measured.update(
                clip=spec["name"], detect_every=every, wall_s=wall, peak_rss_mb=rss,
                frames=len(truth["frames"]), tracks=video.get("tracks"),
                analysed_frames=video.get("analysed_frames"),
                timestamps_equal=output_times == input_times,
                timestamps_max_difference_s=max(
                    (abs(float(a) - float(b)) for a, b in zip(output_times, input_times)), default=None)
                if len(output_times) == len(input_times) else None,
                output_frames=len(output_times), input_frames=len(input_times),
                streams_equal=stream_list(output) == input_streams,
                input_streams=input_streams, output_streams=stream_list(output),
                input_check=truth["check"])
            rows.append(measured)
    results["leaks"] = rows
    return rows


def print_leaks(rows):
    print()
    print("Leaks: frames in which a visible face of >= 20 px is less than 70 % magenta (--mode solid)")
    print(f"  {'clip':12s} {'every':>5s} {'leaking/visible':>16s} {'face-frames':>11s} {'worst coverage':>32s}"
          f" {'times':>6s} {'streams':>7s} {'tracks':>6s} {'wall':>7s}")
    for row in rows:
        worst = row["worst"]
        worst_text = (f"{worst['coverage']:.2f} (f{worst['frame']} {worst['portrait']} {worst['height']:.0f}px)"
                      if worst else "no visible face")
        print(f"  {row['clip']:12s} {row['detect_every']:5d} {row['leaking_frames']:>7d} / {row['frames_with_visible_faces']:<6d}"
              f" {row['face_frames_leaked']:11d} {worst_text:>32s} {'same' if row['timestamps_equal'] else 'DIFF':>6s}"
              f" {'same' if row['streams_equal'] else 'DIFF':>7s} {str(row['tracks']):>6s} {row['wall_s']:6.1f}s")
    total_leaks = sum(r["leaking_frames"] for r in rows)
    total = sum(r["frames_with_visible_faces"] for r in rows)
    print(f"  total: {total_leaks} leaking of {total} frames with visible faces")
    for row in rows:
        if not row["timestamps_equal"]:
            print(f"  ! {row['clip']} --detect-every {row['detect_every']}: output has {row['output_frames']} "
                  f"frames, input {row['input_frames']}; largest time difference "
                  f"{row['timestamps_max_difference_s']}")
        if not row["streams_equal"]:
            print(f"  ! {row['clip']} --detect-every {row['detect_every']}: streams {row['output_streams']} "
                  f"instead of {row['input_streams']}")
        if row["frames_decoded"] != row["frames"]:
            print(f"  ! {row['clip']} --detect-every {row['detect_every']}: {row['frames_decoded']} frames "
                  f"decoded from the output, {row['frames']} composed")
    for row in rows:
        if not row["leaks"]:
            continue
        print(f"  leaks in {row['clip']} at --detect-every {row['detect_every']}:")
        groups = []
        for leak in sorted(row["leaks"], key=lambda l: (l["actor"], l["frame"])):
            if groups and groups[-1][-1]["actor"] == leak["actor"] and groups[-1][-1]["frame"] == leak["frame"] - 1:
                groups[-1].append(leak)
            else:
                groups.append([leak])
        groups.sort(key=lambda g: g[0]["frame"])
        for group in groups[:12]:
            first, last = group[0], group[-1]
            heights = (f"{first['height']:.0f}" if round(first["height"]) == round(last["height"])
                       else f"{first['height']:.0f}->{last['height']:.0f}")
            frames = (f"frame {first['frame']}" if len(group) == 1
                      else f"frames {first['frame']}-{last['frame']}")
            values = [g["coverage"] for g in group]
            print(f"    {first['portrait']}, face {heights} px tall: {frames} ({len(group)} of the "
                  f"{first['visible_frames_of_face']} frames it is visible in; t={first['time']:.3f}-"
                  f"{last['time']:.3f} s), coverage {min(values):.2f}-{max(values):.2f}, box at first "
                  f"{first['box']}")
            print(f"      at frame {first['frame']}: {'; '.join(first['situation'])}")
        if len(groups) > 12:
            print(f"    ... {len(groups) - 12} more runs of leaking frames (all in the JSON file)")
    checks = [r["input_check"] for r in rows]
    if checks:
        print(f"  inputs: decoded upright and match the composition (mean abs diff <= "
              f"{max(c['mean_abs_difference'] for c in checks):.1f}/255); magenta on unmasked input faces <= "
              f"{max(c['input_max_coverage'] for c in checks):.3f}; frame times within "
              f"{max(c['time_error_s'] for c in checks) * 1000:.3f} ms of the intended ones")


# ----------------------------------------------------------------------------------------------
# Speed and memory


def find_deface(args):
    candidates = [args.deface] if args.deface else [
        shutil.which("deface"), os.path.join(ROOT, ".build-bench-venv", "bin", "deface")]
    for candidate in candidates:
        if candidate and os.path.exists(candidate):
            python = os.path.join(os.path.dirname(candidate), "python3")
            version = run([candidate, "--version"]).stdout.decode().strip() or "?"
            backend = "OpenCV DNN (no onnxruntime next to it)"
            if os.path.exists(python):
                probe_ort = subprocess.run([python, "-c", "import onnx, onnxruntime; print(onnxruntime.__version__)"],
                                           capture_output=True, text=True)
                if probe_ort.returncode == 0:
                    backend = f"ONNX Runtime {probe_ort.stdout.strip()}"
            return candidate, f"deface {version.split()[-1]}, {backend}"
    return None, None


def trimmed(path, frames, work):
    """The first `frames` frames of `path`, re-encoded like the clip (audio kept)."""
    target = os.path.join(work, "clips", f"{os.path.splitext(os.path.basename(path))[0]}-first{frames}.mp4")
    if not os.path.exists(target) or os.path.getmtime(target) < os.path.getmtime(path):
        ffmpeg(["-i", path, "-map", "0", "-frames:v", str(frames), "-c:v", "libx264", "-preset", "fast", "-crf",
                "18", "-pix_fmt", "yuv420p", "-c:a", "copy", "-fps_mode", "passthrough", "-shortest",
                target + ".part.mp4"])
        os.replace(target + ".part.mp4", target)
    return target


def speed_benchmark(args, sizes, results):
    rows = []
    deface, deface_name = (None, None) if args.skip_deface else find_deface(args)
    results["deface"] = deface_name or ("skipped (--skip-deface)" if args.skip_deface else
                                        "not found (install it in .build-bench-venv, see --help, or give --deface)")
    for width, height, deface_frames in sizes:
        spec = speed_clip(width, height, args.seconds)
        path, truth = make_clip(spec, args.portraits, args.work, args.rebuild_clips)
        frames = len(truth["frames"])
        row = {"clip": spec["name"], "width": width, "height": height, "frames": frames,
               "faces_visible": max(sum(f["visible"] for f in faces) for faces in truth["frames"])}
        runs = {"faceguard": [], "floor": [], "deface": []}
        logs = os.path.join(args.work, "logs")
        os.makedirs(logs, exist_ok=True)
        for attempt in range(args.runs):
            print(f"  {spec['name']}: floor (ffmpeg libx264 crf 18 medium), run {attempt + 1}", flush=True)
            floor_out = os.path.join(args.work, "out", f"floor-{spec['name']}.mp4")
            os.makedirs(os.path.dirname(floor_out), exist_ok=True)
            wall, rss, cpu = timed(["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", path,
                                    "-map", "0", "-c:v", "libx264", "-crf", "18", "-preset", "medium", "-c:a",
                                    "copy", "-fps_mode", "passthrough", floor_out],
                                   os.path.join(logs, f"floor-{spec['name']}.log"))
            runs["floor"].append({"wall_s": wall, "peak_rss_mb": rss, "cpu_s": cpu})
            print(f"  {spec['name']}: faceguard video (default settings), run {attempt + 1}", flush=True)
            output, wall, rss, cpu, video = run_faceguard(args, path, f"speed-{spec['name']}", [])
            same_times = frame_times(output) == frame_times(path)
            runs["faceguard"].append({"wall_s": wall, "peak_rss_mb": rss, "cpu_s": cpu, "report": video,
                                      "timestamps_equal": same_times,
                                      "streams_equal": stream_list(output) == stream_list(path)})
            if deface:
                source, count = path, frames
                if deface_frames and deface_frames < frames:
                    source, count = trimmed(path, deface_frames, args.work), deface_frames
                print(f"  {spec['name']}: deface ({count} frames), run {attempt + 1}", flush=True)
                deface_out = os.path.join(args.work, "out", f"deface-{spec['name']}.mp4")
                try:
                    wall, rss, cpu = timed([deface, source, "-o", deface_out],
                                           os.path.join(logs, f"deface-{spec['name']}.log"))
                except Failure as failure:
                    print(f"  deface failed, not measured: {failure}", flush=True)
                    row["deface_error"] = str(failure)
                    continue
                runs["deface"].append({"wall_s": wall, "peak_rss_mb": rss, "cpu_s": cpu, "frames": count,
                                       "extrapolated": count < frames})
        row["runs"] = runs
        for name, measured in runs.items():
            if measured:
                wall = statistics.median(r["wall_s"] for r in measured)
                count = measured[0].get("frames", frames)
                row[name] = {"wall_s": wall, "fps": count / wall, "frames": count,
                             "peak_rss_mb": max(r["peak_rss_mb"] or 0 for r in measured),
                             "cpu_over_wall": statistics.median(r["cpu_s"] / r["wall_s"] for r in measured),
                             "extrapolated": measured[0].get("extrapolated", False)}
        row["faceguard_over_floor_time"] = row["faceguard"]["wall_s"] / row["floor"]["wall_s"]
        if "deface" in row:
            row["faceguard_over_deface_fps"] = row["faceguard"]["fps"] / row["deface"]["fps"]
        rows.append(row)
    results["speed"] = rows
    return rows


def print_speed(rows, results, args):
    print()
    print(f"Speed: wall time of the whole command, fps = frames / wall time, cpu/wall = processor time over "
          f"wall time (2 = both of two cores busy throughout) ({args.runs} run(s), median; "
          f"{os.cpu_count()} cores, shared machine: noisy)")
    print(f"  {'clip':26s} {'faceguard':>16s} {'floor':>16s} {'deface':>24s} {'fg/floor time':>13s} "
          f"{'fg/deface fps':>13s} {'fg cpu/wall':>11s}")
    for row in rows:
        fg, floor = row["faceguard"], row["floor"]
        if "deface" in row:
            d = row["deface"]
            deface_text = f"{d['wall_s']:6.1f}s {d['fps']:6.2f} fps" + ("*" if d["extrapolated"] else "")
            ratio = f"{row['faceguard_over_deface_fps']:.2f}x"
        else:
            deface_text, ratio = ("failed" if "deface_error" in row else "not measured"), "-"
        print(f"  {row['clip']:26s} {fg['wall_s']:6.1f}s {fg['fps']:5.1f} fps {floor['wall_s']:6.1f}s "
              f"{floor['fps']:5.1f} fps {deface_text:>24s} {row['faceguard_over_floor_time']:12.1f}x {ratio:>13s} "
              f"{fg['cpu_over_wall']:11.2f}")
    for row in rows:
        if "deface" in row and row["deface"]["extrapolated"]:
            print(f"  * {row['clip']}: deface ran on the first {row['deface']['frames']} of {row['frames']} frames; "
                  f"its fps is extrapolated from them (start-up included)")
        report = row["runs"]["faceguard"][0]["report"]
        if report:
            print(f"  {row['clip']}: faceguard analysed {report.get('analysed_frames')} of {report.get('frames')} "
                  f"frames in {report.get('analyse_ms', 0) / 1000:.1f} s, rendered in "
                  f"{report.get('render_ms', 0) / 1000:.1f} s, {report.get('tracks')} tracks "
                  f"(up to {row['faces_visible']} faces of >= 20 px on screen at once); timestamps "
                  f"{'same' if row['runs']['faceguard'][0]['timestamps_equal'] else 'DIFFER'}, streams "
                  f"{'same' if row['runs']['faceguard'][0]['streams_equal'] else 'DIFFER'}")
    print(f"  floor: ffmpeg -c:v libx264 -crf 18 -preset medium -c:a copy; deface: {results.get('deface')}, "
          f"default settings (`deface IN -o OUT`, blur, threshold 0.2, audio dropped)")


def memory_benchmark(args, width, height, results, speed_rows):
    rows = []
    for seconds in args.memory_seconds:
        spec = speed_clip(width, height, seconds)
        reused = next((r for r in speed_rows if r["clip"] == spec["name"]), None)
        if reused:
            run_ = reused["runs"]["faceguard"][0]
            rss, wall = run_["peak_rss_mb"], run_["wall_s"]
        else:
            path, _ = make_clip(spec, args.portraits, args.work, args.rebuild_clips)
            print(f"  {spec['name']}: faceguard video (default settings) for peak memory", flush=True)
            _, wall, rss, _, _ = run_faceguard(args, path, f"memory-{spec['name']}", [])
        rows.append({"clip": spec["name"], "seconds": seconds, "frames": len(spec["durations"]),
                     "peak_rss_mb": rss, "wall_s": wall, "reused_speed_run": bool(reused)})
    results["memory"] = rows
    return rows


def memory_grows(rows):
    if len(rows) < 2 or any(r["peak_rss_mb"] is None for r in rows):
        return None
    shortest = min(rows, key=lambda r: r["seconds"])
    return any(r["peak_rss_mb"] > shortest["peak_rss_mb"] * 1.25 + 64 for r in rows)


def print_memory(rows):
    print()
    print("Memory: peak RSS of faceguard video (default settings), /usr/bin/time -v")
    for row in rows:
        rss = f"{row['peak_rss_mb']:.0f} MB" if row["peak_rss_mb"] is not None else "not measured"
        print(f"  {row['clip']:26s} {row['frames']:5d} frames  {rss:>8s}  ({row['wall_s']:.1f} s, "
              f"{row['frames'] / row['wall_s']:.1f} fps)")
    grows = memory_grows(rows)
    if grows is None:
        print("  growth: not measured")
    else:
        first, last = rows[0]["peak_rss_mb"], rows[-1]["peak_rss_mb"]
        print(f"  {'GROWS' if grows else 'does not grow'} with duration: {last:.0f} MB / {first:.0f} MB = "
              f"{last / first:.2f}x (allowed: 1.25x + 64 MB)")


# ----------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faceguard", default=os.path.join(ROOT, ".build", "release", "faceguard"))
    parser.add_argument("--models", default=os.environ.get("FACEGUARD_MODELS", os.path.join(ROOT, "models")),
                        help="models folder with the portraits (default: $FACEGUARD_MODELS or models/)")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build", "bench-video"),
                        help="folder for clips, outputs and logs (default: .build/bench-video)")
    parser.add_argument("--only", default="leak,speed,memory", help="comma-separated parts to run")
    parser.add_argument("--clips", help="comma-separated leak clips to run (default: all)")
    parser.add_argument("--detect-every", default="1,2,3,4,6", help="values for the leak runs")
    parser.add_argument("--seconds", type=float, default=10, help="length of the speed clips")
    parser.add_argument("--memory-seconds", default="10,60", help="lengths of the 1080p memory clips")
    parser.add_argument("--runs", type=int, default=1, help="speed runs per command (median)")
    parser.add_argument("--skip-deface", action="store_true")
    parser.add_argument("--skip-4k", action="store_true", help="speed at 1080p only")
    parser.add_argument("--deface", help="the deface command (default: on PATH or in .build-bench-venv)")
    parser.add_argument("--deface-frames-4k", type=int, default=60,
                        help="deface gets only the first N frames of the 4K clip, fps extrapolated (0: all)")
    parser.add_argument("--deface-frames-1080p", type=int, default=0, help="the same at 1080p (0: all, default)")
    parser.add_argument("--rebuild-clips", action="store_true", help="compose clips again even if present")
    parser.add_argument("--smoke", action="store_true",
                        help="two tiny leak clips at --detect-every 3, tiny speed and memory runs, no deface")
    parser.add_argument("--json-out", help="raw numbers (default: WORK/results.json, results-smoke.json)")
    args = parser.parse_args()

    args.detect_every = [int(v) for v in args.detect_every.split(",")]
    args.memory_seconds = [float(v) for v in args.memory_seconds.split(",")]
    parts = set(args.only.split(","))
    if args.smoke:
        args.detect_every, args.skip_deface, args.runs = [3], True, 1
        args.seconds, args.memory_seconds = 2, [2, 6]
    args.json_out = args.json_out or os.path.join(args.work, "results-smoke.json" if args.smoke else "results.json")
    for tool in ["ffmpeg", "ffprobe", "/usr/bin/time"]:
        if not shutil.which(tool):
            print(f"bench_video: {tool} is missing (apt-get install ffmpeg time)", file=sys.stderr)
            return 2
    if not os.access(args.faceguard, os.X_OK):
        print(f"bench_video: no {args.faceguard}; build it first (make build)", file=sys.stderr)
        return 2
    os.makedirs(args.work, exist_ok=True)
    results = {"smoke": args.smoke, "started": time.strftime("%Y-%m-%d %H:%M:%S"),
               "load_average": os.getloadavg(), "cores": os.cpu_count(), "faceguard": args.faceguard,
               "settings": {"detect_every": args.detect_every, "seconds": args.seconds,
                            "memory_seconds": args.memory_seconds, "runs": args.runs}}
    try:
        args.portraits = load_portraits(args.models)
        leaks, speed, memory = [], [], []
        if "leak" in parts:
            clips = smoke_clips() if args.smoke else leak_clips()
            if args.clips:
                wanted = set(args.clips.split(","))
                clips = [c for c in clips if c["name"] in wanted]
            print(f"Leak runs ({len(clips)} clips x --detect-every {args.detect_every})", flush=True)
            leaks = leak_benchmark(args, clips, results)
        if "speed" in parts:
            sizes = [(640, 360, 0)] if args.smoke else [(1920, 1080, args.deface_frames_1080p)] + (
                [] if args.skip_4k else [(3840, 2160, args.deface_frames_4k)])
            print("Speed runs", flush=True)
            speed = speed_benchmark(args, sizes, results)
        if "memory" in parts:
            print("Memory runs", flush=True)
            memory = memory_benchmark(args, *((640, 360) if args.smoke else (1920, 1080)), results, speed)
    except Failure as failure:
        print(f"bench_video: {failure}", file=sys.stderr)
        with open(args.json_out, "w") as handle:
            json.dump({**results, "error": str(failure)}, handle, indent=1, default=str)
        return 2
    results["load_average_end"] = os.getloadavg()
    if leaks:
        print_leaks(leaks)
    if speed:
        print_speed(speed, results, args)
    if memory:
        print_memory(memory)
    with open(args.json_out, "w") as handle:
        json.dump(results, handle, indent=1)
    print(f"\nraw numbers: {args.json_out}; load average {results['load_average'][0]:.1f} at the start, "
          f"{results['load_average_end'][0]:.1f} at the end")
    bad = (any(r["leaking_frames"] or not r["timestamps_equal"] or not r["streams_equal"] for r in leaks)
           or any(not run_["timestamps_equal"] or not run_["streams_equal"]
                  for r in speed for run_ in r["runs"]["faceguard"])
           or memory_grows(memory))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
