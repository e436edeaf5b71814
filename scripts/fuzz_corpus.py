#!/usr/bin/env python3
"""Writes the seed corpora and dictionaries of the fuzz targets (scripts/fuzz.sh).

Seeds come from the test fixtures (models/portraits, models/clips and the model files, fetched by
`make setup`) and from small files made here: JPEG with EXIF (GPS, thumbnail, both byte orders),
XMP and a two-chunk ICC profile; PNG with tEXt, iTXt (XMP), iCCP and eXIf; WebP (plain and VP8X
with metadata); HEIC through libheif (ctypes); trimmed ONNX and GraphDef models and tiny graphs;
multipart bodies; query strings; and tiny videos made with ffmpeg.

Usage: scripts/fuzz_corpus.py [--out DIR]   (default .build/fuzz-corpus; DIR/<target>/ per
target and DIR/<name>.dict per dictionary). Needs python3 and ffmpeg only.
"""

import argparse
import ctypes
import ctypes.util
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = Path(os.environ.get("FACEGUARD_MODELS", ROOT / "models"))


class Corpus:
    """Seed files of one target, named by content hash, capped in size."""

    def __init__(self, out: Path, target: str, max_len: int):
        self.dir = out / target
        self.max_len = max_len
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        self.count = 0

    def add(self, data: bytes, name: str = "") -> None:
        if not data or len(data) > self.max_len:
            return
        digest = hashlib.sha1(data).hexdigest()[:12]
        (self.dir / f"{name or 'seed'}-{digest}").write_bytes(data)
        self.count += 1


def run(*args: str) -> bytes:
    """Output of a command, failing loudly."""
    return subprocess.run(args, check=True, capture_output=True).stdout


def ffmpeg(*args: str) -> None:
    run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args)


# --- JPEG and EXIF -------------------------------------------------------------------------


def tiff(big_endian: bool, with_gps: bool = True, thumbnail: bytes = b"") -> bytes:
    """A TIFF-structured EXIF payload: IFD0 (Make, Model, Orientation, DateTime, links), the Exif
    IFD, the GPS IFD and IFD1 pointing at a JPEG thumbnail."""
    e = ">" if big_endian else "<"
    types = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1}

    def value(kind, data):
        if kind == 2:
            return data.encode() + b"\0", len(data) + 1
        if kind in (1, 7):
            return bytes(data), len(data)
        if kind == 3:
            return b"".join(struct.pack(e + "H", v) for v in data), len(data)
        if kind == 4:
            return b"".join(struct.pack(e + "I", v) for v in data), len(data)
        return b"".join(struct.pack(e + "II", *v) for v in data), len(data)

    def block(entries, start, next_offset=0):
        """A directory at offset `start`: entries (tag, kind, data), then long values."""
        head = struct.pack(e + "H", len(entries))
        values = b""
        data_start = start + 2 + 12 * len(entries) + 4
        for tag, kind, data in sorted(entries, key=lambda t: t[0]):
            raw, count = value(kind, data)
            if len(raw) <= 4:
                field = raw.ljust(4, b"\0")
            else:
                field = struct.pack(e + "I", data_start + len(values))
                values += raw + (b"\0" if len(raw) % 2 else b"")
            head += struct.pack(e + "HHI", tag, kind, count) + field
        return head + struct.pack(e + "I", next_offset) + values

    exif_entries = [
        (0x829A, 5, [(1, 125)]), (0x829D, 5, [(28, 10)]), (0x8827, 3, [200]),
        (0x9000, 7, list(b"0232")), (0x9003, 2, "2024:05:01 12:00:00"),
        (0x9004, 2, "2024:05:01 12:00:00"), (0x920A, 5, [(50, 1)]),
        (0x927C, 7, list(b"MakerNote!")), (0xA431, 2, "SERIAL123"),
    ]
    gps_entries = [
        (0x0000, 1, [2, 3, 0, 0]), (0x0001, 2, "N"), (0x0002, 5, [(48, 1), (51, 1), (2400, 100)]),
        (0x0003, 2, "E"), (0x0004, 5, [(2, 1), (21, 1), (700, 100)]),
    ]
    # Lay out: header, IFD0, Exif IFD, GPS IFD, IFD1, thumbnail; sizes are computed in two passes.
    ifd0 = [(0x010F, 2, "FuzzCam"), (0x0110, 2, "Model X"), (0x0112, 3, [6]),
            (0x0132, 2, "2024:05:01 12:00:00"), (0x013B, 2, "Someone"), (0x8769, 4, [0])]
    if with_gps:
        ifd0.append((0x8825, 4, [0]))
    for _ in range(2):
        o0 = 8
        b0 = block(ifd0, o0)
        oe = o0 + len(b0)
        be = block(exif_entries, oe)
        og = oe + len(be)
        bg = block(gps_entries, og) if with_gps else b""
        o1 = og + len(bg)
        ifd1 = [(0x0103, 3, [6]), (0x0201, 4, [0]), (0x0202, 4, [len(thumbnail)])]
        b1 = block(ifd1, o1)
        ot = o1 + len(b1)
        ifd1 = [(0x0103, 3, [6]), (0x0201, 4, [ot]), (0x0202, 4, [len(thumbnail)])]
        ifd0 = [(t, k, [oe] if t == 0x8769 else [og] if t == 0x8825 else d) for t, k, d in ifd0]
    b0 = block(ifd0, o0, next_offset=o1 if thumbnail else 0)
    b1 = block(ifd1, o1)
    header = (b"MM\0*" if big_endian else b"II*\0") + struct.pack(e + "I", 8)
    return header + b0 + be + bg + (b1 + thumbnail if thumbnail else b"")


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def with_segments(jpeg: bytes, segments: bytes) -> bytes:
    """`jpeg` with `segments` after SOI (and after a JFIF APP0 if present)."""
    at = 2
    if jpeg[2:4] == b"\xff\xe0":
        at = 4 + struct.unpack(">H", jpeg[4:6])[0]
    return jpeg[:at] + segments + jpeg[at:]


def icc_profile(size: int = 600) -> bytes:
    """A syntactically plausible ICC profile header and tag table with filler."""
    body = bytearray(size)
    struct.pack_into(">I4s", body, 0, size, b"lcms")
    body[12:20] = b"mntrRGB "
    body[20:24] = b"XYZ "
    body[36:40] = b"acsp"
    struct.pack_into(">I", body, 128, 1)
    struct.pack_into(">4sII", body, 132, b"desc", 144, size - 144)
    return bytes(body)


XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description xmlns:mwg-rs="http://www.metadataworkinggroup.com/'
       b'schemas/regions/" mwg-rs:Name="Someone"/></rdf:RDF></x:xmpmeta>')


def small_jpegs(work: Path) -> list[bytes]:
    """Small JPEGs from the portraits: baseline, progressive, grey, 4:4:4, CMYK-like Adobe."""
    out = []
    portraits = sorted((MODELS / "portraits").glob("*"))
    for i, portrait in enumerate(portraits):
        target = work / f"p{i}.jpg"
        size = 24 + 8 * i
        vf = f"scale={size}:-2" + (",format=gray" if i == 1 else "")
        opts = ["-q:v", str(2 + 5 * i)]
        ffmpeg("-i", str(portrait), "-vf", vf, *opts, "-frames:v", "1", str(target))
        out.append(target.read_bytes())
    return out


def jpeg_seeds(work: Path) -> list[bytes]:
    base = small_jpegs(work)
    thumb = base[0]
    icc = icc_profile(900)
    icc_chunks = segment(0xE2, b"ICC_PROFILE\0\x01\x02" + icc[:450]) + segment(
        0xE2, b"ICC_PROFILE\0\x02\x02" + icc[450:])
    seeds = list(base)
    for i, jpeg in enumerate(base):
        exif = tiff(big_endian=i % 2 == 1, thumbnail=thumb if i < 3 else b"")
        segs = segment(0xE1, b"Exif\0\0" + exif)
        if i % 3 == 0:
            segs += segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + XMP)
        if i % 2 == 0:
            segs += icc_chunks
        if i == 4:
            segs += segment(0xEE, b"Adobe\0\x64\0\0\0\0\x02")
        seeds.append(with_segments(jpeg, segs))
    # Progressive and restart-marker variants through ffmpeg's mjpeg options are not exposed
    # uniformly; a truncated file and one with stray bytes between markers stand in.
    seeds.append(seeds[-1][: len(seeds[-1]) * 2 // 3])
    seeds.append(with_segments(base[2], b"\xff\xff\xff" + segment(0xFE, b"comment")))
    return seeds


# --- PNG -----------------------------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, color_type: int, depth: int, extra: list[bytes], seed=0) -> bytes:
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    row_bytes = (width * channels * depth + 7) // 8
    raw = b"".join(b"\0" + bytes((seed + x * 7 + y * 13) & 0xFF for x in range(row_bytes))
                   for y in range(height))
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0))
    for chunk in extra:
        out += chunk
    if color_type == 3:
        out += png_chunk(b"PLTE", bytes(range(48)))
    return out + png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b"")


def png_seeds(work: Path) -> list[bytes]:
    meta = [
        png_chunk(b"tEXt", b"Comment\0hello"),
        png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + XMP),
        png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\x01\0en\0\0" + zlib.compress(XMP)),
        png_chunk(b"iCCP", b"ICC profile\0\0" + zlib.compress(icc_profile())),
        png_chunk(b"eXIf", tiff(big_endian=False)),
        png_chunk(b"gAMA", struct.pack(">I", 45455)),
        png_chunk(b"sRGB", b"\0"),
    ]
    seeds = [
        png(8, 8, 2, 8, meta),
        png(5, 3, 6, 8, meta[3:5]),
        png(4, 4, 0, 16, [meta[4]]),
        png(7, 2, 4, 8, [meta[1]]),
        png(6, 6, 3, 4, [meta[0]]),
        png(3, 3, 0, 1, []),
        png(9, 5, 2, 16, [meta[2], meta[5]]),
    ]
    camera = work / "camera.png"
    ffmpeg("-i", str(MODELS / "portraits" / "camera.png"), "-vf", "scale=32:32", str(camera))
    seeds.append(camera.read_bytes())
    seeds.append(seeds[0][:-20])
    return seeds


# --- WebP ----------------------------------------------------------------------------------


def riff_chunk(kind: bytes, data: bytes) -> bytes:
    return kind + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")


def webp_seeds(work: Path) -> list[bytes]:
    seeds = []
    source = MODELS / "portraits" / "grace_hopper.jpg"
    for name, opts in [("lossy", ["-quality", "40"]), ("lossless", ["-lossless", "1"]),
                       ("alpha", ["-pix_fmt", "yuva420p", "-quality", "30"])]:
        target = work / f"{name}.webp"
        ffmpeg("-i", str(source), "-vf", "scale=24:-2", "-c:v", "libwebp", *opts,
               "-frames:v", "1", str(target))
        seeds.append(target.read_bytes())
    # VP8X with ICCP, EXIF and XMP around the lossy bitstream.
    lossy = seeds[0]
    bitstream = lossy[12:]
    width, height = 24, 32
    flags = 0x20 | 0x08 | 0x04
    vp8x = struct.pack("<I", flags) + (width - 1).to_bytes(3, "little") + (
        height - 1).to_bytes(3, "little")
    body = (b"WEBP" + riff_chunk(b"VP8X", vp8x) + riff_chunk(b"ICCP", icc_profile())
            + bitstream + riff_chunk(b"EXIF", tiff(False)) + riff_chunk(b"XMP ", XMP))
    seeds.append(b"RIFF" + struct.pack("<I", len(body)) + body)
    return seeds


# --- HEIC (libheif through ctypes, as Tests/TestSupport/HEICTestFile.swift does) ----------


def heic_seeds(work: Path) -> list[bytes]:
    name = ctypes.util.find_library("heif")
    if not name:
        print("fuzz_corpus: libheif not found, no HEIC seeds", file=sys.stderr)
        return []
    heif = ctypes.CDLL(name)

    class Error(ctypes.Structure):
        _fields_ = [("code", ctypes.c_int), ("subcode", ctypes.c_int), ("message", ctypes.c_char_p)]

    for fn in ["heif_context_get_encoder_for_format", "heif_encoder_set_lossy_quality",
               "heif_image_create", "heif_image_add_plane", "heif_context_encode_image",
               "heif_context_add_exif_metadata", "heif_context_add_XMP_metadata",
               "heif_context_write_to_file", "heif_image_set_raw_color_profile"]:
        getattr(heif, fn).restype = Error
    heif.heif_context_alloc.restype = ctypes.c_void_p
    heif.heif_image_get_plane.restype = ctypes.POINTER(ctypes.c_uint8)
    heif.heif_image_get_plane.argtypes = [ctypes.c_void_p, ctypes.c_int,
                                         ctypes.POINTER(ctypes.c_int)]

    def check(error: Error) -> None:
        if error.code != 0:
            raise RuntimeError(error.message.decode())

    seeds = []
    for index, (width, height, depth, alpha, meta) in enumerate(
            [(16, 16, 8, False, True), (12, 20, 8, True, False), (16, 8, 10, False, True)]):
        ctx = ctypes.c_void_p(heif.heif_context_alloc())
        encoder = ctypes.c_void_p()
        check(heif.heif_context_get_encoder_for_format(ctx, 1, ctypes.byref(encoder)))  # HEVC
        check(heif.heif_encoder_set_lossy_quality(encoder, 50))
        image = ctypes.c_void_p()
        # heif_colorspace_RGB = 1; chroma interleaved RGB 10, RGBA 11, RRGGBB_LE 14
        chroma = 14 if depth == 10 else (11 if alpha else 10)
        check(heif.heif_image_create(width, height, 1, chroma, ctypes.byref(image)))
        check(heif.heif_image_add_plane(image, 10, width, height, depth))  # interleaved
        stride = ctypes.c_int()
        plane = heif.heif_image_get_plane(image, 10, ctypes.byref(stride))
        bytes_per = (4 if alpha else 3) * (2 if depth > 8 else 1)
        for y in range(height):
            for x in range(width * bytes_per):
                plane[y * stride.value + x] = (x * 9 + y * 5) & (0x03 if depth > 8 and x % 2 else 0xFF)
        if meta:
            icc = icc_profile()
            check(heif.heif_image_set_raw_color_profile(image, b"prof", icc, len(icc)))
        handle = ctypes.c_void_p()
        check(heif.heif_context_encode_image(ctx, image, encoder, None, ctypes.byref(handle)))
        if meta:
            exif = b"\0\0\0\0" + tiff(True)
            check(heif.heif_context_add_exif_metadata(ctx, handle, exif, len(exif)))
            check(heif.heif_context_add_XMP_metadata(ctx, handle, XMP, len(XMP)))
        target = work / f"h{index}.heic"
        check(heif.heif_context_write_to_file(ctx, str(target).encode()))
        heif.heif_image_handle_release(handle)
        heif.heif_image_release(image)
        heif.heif_encoder_release(encoder)
        heif.heif_context_free(ctx)
        seeds.append(target.read_bytes())
    return seeds


# --- Protobuf (ONNX, GraphDef) ------------------------------------------------------------


def varint(n: int) -> bytes:
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


def field(number: int, value) -> bytes:
    """One protobuf field: int -> varint, bytes/str -> length-delimited, float -> fixed32."""
    if isinstance(value, float):
        return varint(number << 3 | 5) + struct.pack("<f", value)
    if isinstance(value, int):
        return varint(number << 3) + varint(value & 0xFFFFFFFFFFFFFFFF)
    if isinstance(value, str):
        value = value.encode()
    return varint(number << 3 | 2) + varint(len(value)) + value


def fields(data: bytes):
    """(number, wire type, raw value bytes or int, whole field bytes) of a message."""
    i = 0
    while i < len(data):
        start = i
        key, i = read_varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = read_varint(data, i)
        elif wire == 1:
            value, i = data[i:i + 8], i + 8
        elif wire == 2:
            length, i = read_varint(data, i)
            value, i = data[i:i + length], i + length
        elif wire == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise ValueError("unsupported wire type")
        yield number, wire, value, data[start:i]


def read_varint(data: bytes, i: int):
    n = shift = 0
    while True:
        b = data[i]
        i += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, i


def onnx_value_info(name: str, dims: list[int]) -> bytes:
    shape = b"".join(field(1, field(1, d)) for d in dims)
    return field(1, name) + field(2, field(1, field(1, 1) + field(2, shape)))


def onnx_tensor(name: str, dims: list[int], values: list[float]) -> bytes:
    return (b"".join(field(1, d) for d in dims) + field(2, 1) + field(8, name)
            + field(9, struct.pack(f"<{len(values)}f", *values)))


def onnx_model(nodes: list[bytes], inputs, outputs, initializers=()) -> bytes:
    graph = b"".join(field(1, n) for n in nodes) + field(2, "g")
    graph += b"".join(field(5, t) for t in initializers)
    graph += b"".join(field(11, onnx_value_info(n, d)) for n, d in inputs)
    graph += b"".join(field(12, onnx_value_info(n, d)) for n, d in outputs)
    return field(1, 7) + field(7, graph) + field(8, field(2, 11))


def onnx_node(op: str, inputs, outputs, attributes=b"") -> bytes:
    return (b"".join(field(1, i) for i in inputs) + b"".join(field(2, o) for o in outputs)
            + field(4, op) + attributes)


def onnx_int_attribute(name: str, ints: list[int]) -> bytes:
    return field(5, field(1, name) + field(20, 7) + b"".join(field(8, v) for v in ints))


def onnx_seeds() -> list[bytes]:
    x = [("x", [1, 3, 8, 8])]
    conv = onnx_node("Conv", ["x", "w", "b"], ["y"],
                     onnx_int_attribute("kernel_shape", [3, 3]) + onnx_int_attribute("pads", [1, 1, 1, 1]))
    seeds = [
        onnx_model([onnx_node("Relu", ["x"], ["y"])], x, [("y", [1, 3, 8, 8])]),
        onnx_model([conv, onnx_node("Sigmoid", ["y"], ["z"])], x, [("z", [1, 2, 8, 8])],
                   [onnx_tensor("w", [2, 3, 3, 3], [0.1] * 54), onnx_tensor("b", [2], [0.0, 1.0])]),
        onnx_model([onnx_node("MaxPool", ["x"], ["y"], onnx_int_attribute("kernel_shape", [2, 2])
                              + onnx_int_attribute("strides", [2, 2])),
                    onnx_node("Concat", ["y", "y"], ["z"], onnx_int_attribute("axis", [1])[:0]
                              + field(5, field(1, "axis") + field(20, 2) + field(3, 1)))],
                   x, [("z", [1, 6, 4, 4])]),
    ]
    path = MODELS / "centerface.onnx"
    if path.exists():
        seeds += trimmed_onnx(path.read_bytes())
    return seeds


def shrink_tensor(tensor: bytes, keep: int) -> bytes:
    """A TensorProto with its raw_data (9) and float_data (4) cut to `keep` bytes / values."""
    out = b""
    for number, wire, value, whole in fields(tensor):
        if number == 9:
            out += field(9, value[:keep])
        elif number == 4 and wire == 2:
            out += field(4, value[:keep])
        else:
            out += whole
    return out


def trimmed_onnx(model: bytes) -> list[bytes]:
    """centerface.onnx with its weights cut (the graph stays whole), and its first few nodes."""
    outer, graph = b"", b""
    for number, wire, value, whole in fields(model):
        if number == 7:
            graph = value
        else:
            outer += whole
    nodes, rest, inits = [], b"", []
    for number, wire, value, whole in fields(graph):
        if number == 1:
            nodes.append(whole)
        elif number == 5:
            inits.append(value)
        else:
            rest += whole
    cut = b"".join(field(5, shrink_tensor(t, 16)) for t in inits)
    seeds = [outer + field(7, b"".join(nodes) + cut + rest)]
    small = b"".join(field(5, t) for t in inits if len(t) < 2048)
    seeds.append(outer + field(7, b"".join(nodes[:6]) + small + rest))
    return seeds


def graphdef_seeds() -> list[bytes]:
    def node(name, op, inputs=(), attrs=b""):
        return field(1, field(1, name) + field(2, op) + b"".join(field(3, i) for i in inputs) + attrs)

    def attr(key, value):
        return field(5, field(1, key) + field(2, value))

    shape = field(7, field(2, field(1, -1)) + field(2, field(1, 16)) + field(2, field(1, 16))
                  + field(2, field(1, 3)))
    placeholder = node("x", "Placeholder", (), attr("dtype", field(6, 1)) + attr("shape", shape))
    tensor = field(1, 1) + field(2, field(2, field(1, 3)) + field(2, field(1, 3)) + field(
        2, field(1, 3)) + field(2, field(1, 2))) + field(4, struct.pack("<54f", *([0.1] * 54)))
    const = node("w", "Const", (), attr("dtype", field(6, 1)) + attr("value", field(8, tensor)))
    conv = node("conv", "Conv2D", ("x", "w"), attr("strides", field(1, field(3, b"\x01\x01\x01\x01")))
                + attr("padding", field(2, "SAME")) + attr("T", field(6, 1)))
    seeds = [
        placeholder + node("y", "Relu", ("x",)),
        placeholder + const + conv + node("y", "Relu6", ("conv",)),
        placeholder + node("y", "Softmax", ("x",)) + node("z", "Identity", ("y",)),
    ]
    path = MODELS / "retinaface.pb"
    if path.exists():
        graph = path.read_bytes()
        small = [whole for number, _, value, whole in fields(graph) if number == 1 and len(value) < 2048]
        seeds.append(b"".join(small))
        seeds.append(b"".join(small[:40]))
    return seeds


def tflite_seeds() -> list[bytes]:
    """The short-range BlazeFace model with every constant buffer cut to at most 64 bytes (in
    place, so all offsets stay valid): reading the whole model takes over a second in the
    sanitized debug build, a cut one tens of milliseconds, and the tables, operators and options
    are all still there. (The sparse full-range model stays too slow even when cut.)"""
    seeds = []
    for name in ["face_detection_short_range.tflite"]:
        path = MODELS / name
        if path.exists():
            seeds.append(cut_tflite_buffers(path.read_bytes(), 64))
            seeds.append(cut_tflite_buffers(path.read_bytes(), 0))
    return seeds


def cut_tflite_buffers(model: bytes, keep: int) -> bytes:
    """`model` with the length of each Buffer.data vector set to at most `keep`, and the file
    shortened to end after the last table that is not buffer data."""
    data = bytearray(model)

    def u32(at):
        return struct.unpack_from("<I", data, at)[0]

    def field_position(table, index):
        vtable = table - struct.unpack_from("<i", data, table)[0]
        size = struct.unpack_from("<H", data, vtable)[0]
        if 4 + 2 * index >= size:
            return None
        offset = struct.unpack_from("<H", data, vtable + 4 + 2 * index)[0]
        return table + offset if offset else None

    root = u32(0)
    buffers_field = field_position(root, 4)  # Model.buffers
    if buffers_field is None:
        return model
    vector = buffers_field + u32(buffers_field)
    for i in range(u32(vector)):
        slot = vector + 4 + 4 * i
        table = slot + u32(slot)
        data_field = field_position(table, 0)  # Buffer.data
        if data_field is None:
            continue
        bytes_vector = data_field + u32(data_field)
        struct.pack_into("<I", data, bytes_vector, min(u32(bytes_vector), keep))
    return bytes(data)


# --- Server ----------------------------------------------------------------------------------


def multipart_seeds(image: bytes) -> list[bytes]:
    def form(boundary: str, parts, header=None) -> bytes:
        body = b""
        for name, filename, content in parts:
            disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
            body += (f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
                     f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        return (header or f"multipart/form-data; boundary={boundary}").encode() + b"\n" + body

    return [
        form("XyZ", [("file", "a.jpg", image[:200]), ("mode", None, b"pixelate"),
                     ("blocks", None, b"12")]),
        form("----WebKitFormBoundary7MA4YWxkTrZu0gW", [
            ("file", "p.png", b"\x89PNG\r\n\x1a\n"), ("shape", None, b"ellipse"),
            ("color", None, b"#ff00aa"), ("strength", None, b"2.5"), ("mask_scale", None, b"1.3"),
            ("boxes", None, b'[{"x":1,"y":2,"w":30,"h":40},{"x":0.5,"y":0,"w":1e3,"h":2}]')]),
        form("b", [("threshold", None, b"0.4"), ("model", None, b"centerface+retinaface"),
                   ("preset", None, b"thorough"), ("min_face", None, b"16"),
                   ("keep_metadata", None, b"true"), ("format", None, b"webp"),
                   ("quality", None, b"80"), ("draw_boxes", None, b"1")],
             header='multipart/form-data; charset=utf-8; boundary="b"'),
        form("q", [("mode", None, b"none")]),
        b"multipart/form-data; boundary=abc\n--abc--",
    ]


def query_seeds() -> list[bytes]:
    return [q.encode() for q in [
        "mode=blur&strength=3", "mode=pixelate&blocks=8&shape=rect",
        "mode=fill&color=%23FF0000&feather=0.2&mask_scale=1.5",
        "threshold=0.3&model=retinaface&preset=fast&min_face=20&whole_side=640",
        "keep_metadata=yes&format=png&quality=95&draw_boxes=true&precision=int8",
        "boxes=%5B%7B%22x%22%3A1%2C%22y%22%3A2%2C%22w%22%3A3%2C%22h%22%3A4%7D%5D",
        "mode=none", "max_pixels=1000&threads=2", "a=%&b=%zz&&=&c",
    ]]


# --- Video -----------------------------------------------------------------------------------


def video_seeds(work: Path) -> list[bytes]:
    src = ["-f", "lavfi", "-i", "testsrc=size=32x24:rate=10:duration=0.5"]
    audio = ["-f", "lavfi", "-i", "sine=frequency=440:duration=0.5"]
    variants = [
        ("a.mp4", src + ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]),
        ("b.mp4", src + audio + ["-c:v", "mpeg4", "-c:a", "aac", "-shortest"]),
        ("c.mov", src + ["-c:v", "mjpeg", "-metadata:s:v", "rotate=90"]),
        ("d.mkv", src + ["-c:v", "libx264", "-preset", "ultrafast", "-bf", "2"]),
        ("e.webm", src + ["-c:v", "libvpx", "-b:v", "50k"]),
        ("f.avi", src + ["-c:v", "mjpeg"]),
        ("g.mp4", src + ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=none"]),
        ("h.mkv", src + ["-c:v", "ffv1"]),
    ]
    seeds = []
    for name, args in variants:
        target = work / name
        try:
            ffmpeg(*args, str(target))
            seeds.append(target.read_bytes())
        except subprocess.CalledProcessError as error:
            print(f"fuzz_corpus: skipped {name}: {error.stderr.decode()[-200:]}", file=sys.stderr)
    clip = MODELS / "clips" / "carphone_pristine.mp4"
    if clip.exists():
        target = work / "carphone.mp4"
        ffmpeg("-i", str(clip), "-t", "0.3", "-c", "copy", "-movflags", "+faststart", str(target))
        seeds.append(target.read_bytes())
    return seeds


# --- Dictionaries ----------------------------------------------------------------------------


def dictionary(path: Path, entries: list[bytes]) -> None:
    lines = []
    for entry in dict.fromkeys(entries):
        escaped = "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02X}" for b in entry)
        lines.append(f'"{escaped}"')
    path.write_text("\n".join(lines) + "\n")


def dictionaries(out: Path) -> None:
    jpeg = [bytes([0xFF, m]) for m in [0xD8, 0xD9, 0xDA, 0xDB, 0xC4, 0xC0, 0xC1, 0xC2, 0xDD,
                                       0xE0, 0xE1, 0xE2, 0xEE, 0xFE, 0xD0, 0x01]]
    exif = [b"Exif\0\0", b"II*\0", b"MM\0*", b"\x08\0\0\0", b"\0\0\0\x08", b"\x69\x87", b"\x87\x69",
            b"\x25\x88", b"\x88\x25", b"\x12\x01", b"\x01\x12", b"\x01\x02", b"\x02\x01",
            b"ICC_PROFILE\0", b"http://ns.adobe.com/xap/1.0/\0", b"Adobe", b"JFIF\0", b"acsp"]
    chunks = [b"IHDR", b"IDAT", b"IEND", b"PLTE", b"tRNS", b"iCCP", b"eXIf", b"iTXt", b"tEXt",
              b"zTXt", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"XML:com.adobe.xmp", b"ICC profile",
              b"\x89PNG\r\n\x1a\n"]
    webp = [b"RIFF", b"WEBP", b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
            b"EXIF", b"XMP ", b"\x9d\x01\x2a", b"\x2f"]
    heic = [b"ftyp", b"heic", b"heix", b"mif1", b"meta", b"hdlr", b"pict", b"pitm", b"iloc",
            b"iinf", b"infe", b"iprp", b"ipco", b"ipma", b"ispe", b"hvcC", b"colr", b"prof",
            b"irot", b"imir", b"iref", b"thmb", b"auxC", b"Exif", b"mime", b"hvc1", b"idat", b"mdat"]
    multipart = [b"multipart/form-data", b"; boundary=", b"\r\n", b"\r\n\r\n", b"--",
                 b"Content-Disposition: form-data", b"; name=\"file\"", b"; filename=\"a.jpg\"",
                 b"name=", b"filename=", b"\"", b"Content-Type: image/jpeg"]
    options = [b"mode", b"shape", b"color", b"strength", b"blocks", b"mask_scale", b"feather",
               b"draw_boxes", b"keep_metadata", b"format", b"quality", b"threshold", b"model",
               b"preset", b"min_face", b"whole_side", b"threads", b"precision", b"max_pixels",
               b"boxes", b"blur", b"pixelate", b"fill", b"none", b"ellipse", b"rect", b"true",
               b"false", b"centerface", b"retinaface", b"blazeface", b"fast", b"thorough",
               b"int8", b"jpeg", b"png", b"webp", b"=", b"&", b"%", b"%23", b"#", b"{\"x\":",
               b",\"y\":", b",\"w\":", b",\"h\":", b"}", b"[", b"]", b"1e308", b"nan", b"-0"]
    dictionary(out / "jpeg.dict", jpeg + exif)
    dictionary(out / "png.dict", chunks + exif[:5])
    dictionary(out / "webp.dict", webp + exif[:3])
    dictionary(out / "heic.dict", heic + exif[1:3])
    dictionary(out / "metadata.dict", jpeg + exif + chunks + webp)
    dictionary(out / "containers.dict", jpeg + exif + chunks)
    dictionary(out / "multipart.dict", multipart + options)
    dictionary(out / "query.dict", options)


# --- Main ------------------------------------------------------------------------------------

# Largest seed per target; scripts/fuzz.sh passes the same numbers as -max_len.
MAX_LEN = {
    "jpeg": 65536, "png": 65536, "webp": 65536, "heic": 65536, "metadata": 65536,
    "containers": 65536, "onnx": 262144, "tflite": 1048576, "graphdef": 262144,
    "multipart": 16384, "query": 4096, "video": 131072,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".build" / "fuzz-corpus")
    args = parser.parse_args()
    if not (MODELS / "portraits").is_dir():
        sys.exit(f"fuzz_corpus: {MODELS}/portraits is missing; run `make setup` first")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        jpegs, pngs, webps = jpeg_seeds(work), png_seeds(work), webp_seeds(work)
        heics = heic_seeds(work)
        images = jpegs + pngs + webps + heics
        sets = {
            "jpeg": jpegs, "png": pngs, "webp": webps, "heic": heics,
            "metadata": images, "containers": jpegs + pngs,
            "onnx": onnx_seeds(), "tflite": tflite_seeds(), "graphdef": graphdef_seeds(),
            "multipart": multipart_seeds(jpegs[0]), "query": query_seeds(),
            "video": video_seeds(work),
        }
        for target, seeds in sets.items():
            corpus = Corpus(args.out, target, MAX_LEN[target])
            for seed in seeds:
                corpus.add(seed, target)
            print(f"{target:11} {corpus.count:3} seeds in {corpus.dir}")
    dictionaries(args.out)


if __name__ == "__main__":
    main()
