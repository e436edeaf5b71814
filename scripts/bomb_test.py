#!/usr/bin/env python3
"""Decompression bombs of every photo format: each must be refused quickly, with little memory.

Makes, in a temporary folder, files that claim or expand to far more pixels than the default
--max-pixels (100 million):

  png-header    a 60-byte PNG whose header claims 100000x100000 pixels;
  png-zlib      a real 12000x12000 gray PNG of zeros (144 million pixels in ~140 kB of zlib);
  jpeg-sof      a sample portrait whose frame header is rewritten to 60000x60000;
  webp-vp8l     a lossless WebP whose bitstream header claims 16384x16384 pixels;
  heic-grid     the HEIC grid found by fuzzing: 64x64 by its size property, 26228x31088 by its
                grid descriptor (Tests/ImageCodecsTests/HEIFGridTests.swift holds it).

Runs `faceguard -o OUT FILE` on each under /usr/bin/time and prints the seconds and the peak
resident memory of the refusal, next to the same for a real 512x512 portrait (what the process
needs anyway: the models are loaded before the first file). Fails when a bomb is not refused with
an error naming the file, takes more than --max-seconds, or peaks more than --max-extra-mb above the
portrait's run.
"""
import argparse
import base64
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width, height, color_type, data):
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", data)
            + png_chunk(b"IEND", b""))


def zlib_zeros(rows, row_bytes):
    """zlib of `rows` rows of a filter byte and `row_bytes` zeros, without building them whole."""
    compressor = zlib.compressobj(9)
    row = bytes(row_bytes + 1)
    return b"".join(compressor.compress(row) for _ in range(rows)) + compressor.flush()


def jpeg_claiming(jpeg, width, height):
    """`jpeg` with the dimensions of its frame header (SOF0..SOF15 but DHT/JPG/DAC) replaced."""
    data = bytearray(jpeg)
    i = 2
    while i + 4 <= len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            data[i + 5:i + 9] = struct.pack(">HH", height, width)
            return bytes(data)
        i += 2 + length
    raise ValueError("no frame header")


def webp_claiming(width, height):
    """A lossless WebP whose bitstream header claims width x height (both at most 16384)."""
    header = (width - 1) | ((height - 1) << 14)
    vp8l = b"\x2f" + struct.pack("<I", header) + bytes(16)
    chunk = b"VP8L" + struct.pack("<I", len(vp8l)) + vp8l
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def heic_grid():
    source = open(os.path.join(ROOT, "Tests", "ImageCodecsTests", "HEIFGridTests.swift")).read()
    encoded = re.search(r'base64Encoded: """(.*?)"""', source, re.S).group(1)
    return base64.b64decode("".join(encoded.split()))


def measure(faceguard, path, out, environment):
    result = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", faceguard, "-o", out, path],
                            env=environment, capture_output=True, text=True)
    seconds, kilobytes = re.search(r"TIME ([\d.]+) (\d+)", result.stderr).groups()
    message = [line for line in result.stderr.splitlines() if not line.startswith("TIME")]
    return result.returncode, float(seconds), int(kilobytes) / 1024, message


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faceguard", default=os.path.join(ROOT, ".build", "release", "faceguard"))
    parser.add_argument("--models", default=os.environ.get("FACEGUARD_MODELS", os.path.join(ROOT, "models")))
    parser.add_argument("--max-seconds", type=float, default=10.0)
    parser.add_argument("--max-extra-mb", type=float, default=100.0)
    args = parser.parse_args()
    environment = dict(os.environ, FACEGUARD_MODELS=os.path.abspath(args.models))
    portrait = open(os.path.join(args.models, "portraits", "obama.jpg"), "rb").read()
    bombs = {
        "png-header.png": png(100_000, 100_000, 2, zlib.compress(b"")),
        "png-zlib.png": png(12_000, 12_000, 0, zlib_zeros(12_000, 12_000)),
        "jpeg-sof.jpg": jpeg_claiming(portrait, 60_000, 60_000),
        "webp-vp8l.webp": webp_claiming(16_384, 16_384),
        "heic-grid.heic": heic_grid(),
    }
    failed = False
    with tempfile.TemporaryDirectory(prefix="faceguard-bombs-") as work:
        reference = os.path.join(work, "portrait.jpg")
        open(reference, "wb").write(portrait)
        status, base_seconds, base_mb, _ = measure(args.faceguard, reference, os.path.join(work, "out"), environment)
        print(f"{'file':16} {'bytes':>8} {'exit':>4} {'seconds':>8} {'peak MB':>8}  error")
        print(f"{'portrait.jpg':16} {len(portrait):8} {status:4} {base_seconds:8.2f} {base_mb:8.0f}  (a real photo, for reference)")
        for name, data in bombs.items():
            path = os.path.join(work, name)
            open(path, "wb").write(data)
            status, seconds, megabytes, message = measure(args.faceguard, path, os.path.join(work, "out"), environment)
            named = any(name in line for line in message)
            ok = status != 0 and named and seconds <= args.max_seconds and megabytes <= base_mb + args.max_extra_mb
            failed |= not ok
            print(f"{name:16} {len(data):8} {status:4} {seconds:8.2f} {megabytes:8.0f}  "
                  f"{message[0] if message else '(none)'}{'' if ok else '  <- FAILED'}")
        written = os.listdir(os.path.join(work, "out")) if os.path.isdir(os.path.join(work, "out")) else []
        print(f"outputs written: {sorted(written)}")
        failed |= written != ["portrait.jpg"]
    print("bombs: " + ("FAILED" if failed else "every one refused"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
