#!/usr/bin/env python3
"""Peak memory of `faceguard` against image size, per preset.

Scales a real photo (models/astronaut.png) to sizes from 0.8 to 100 megapixels with ffmpeg,
anonymizes each with /usr/bin/time measuring the peak resident memory, and prints, per preset,
the peak in MB and the bytes per pixel it grew over the smallest photo's (the fixed share: the
networks' weights and compiled plans). The server's memory budget counts
PhotoPipeline.workingBytesPerPixel per pixel; this is where that figure comes from.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZES = [(1024, 768), (1920, 1080), (3840, 2160), (4000, 3000), (6000, 4000), (8000, 6000),
         (10000, 10000)]


def peak_megabytes(command, env):
    """Peak resident memory of `command` in MB (it must succeed)."""
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + command, env=env,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(report.read().split()[-1]) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faceguard", default=os.path.join(ROOT, ".build", "release", "faceguard"))
    parser.add_argument("--models", default=os.environ.get("FACEGUARD_MODELS", os.path.join(ROOT, "models")))
    parser.add_argument("--presets", default="fast,balanced,thorough")
    args = parser.parse_args()
    env = dict(os.environ, FACEGUARD_MODELS=args.models)
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="faceguard-memory-") as work:
        photos = []
        for width, height in SIZES:
            path = os.path.join(work, f"photo-{width}x{height}.jpg")
            subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i",
                            os.path.join(args.models, "astronaut.png"), "-vf",
                            f"scale={width}:{height}", "-q:v", "3", path], check=True)
            photos.append((width * height, path))
        print("peak resident MB (bytes per pixel over the smallest photo's peak)")
        print(f"{'preset':10}" + "".join(f"{f'{w}x{h}':>16}" for w, h in SIZES))
        for preset in args.presets.split(","):
            cells, base = [], None
            for pixels, path in photos:
                output = os.path.join(work, "out")
                peak = peak_megabytes([args.faceguard, path, "-o", output, "--preset", preset], env)
                shutil.rmtree(output)
                if base is None:
                    base = (pixels, peak)
                    cells.append(f"{peak:.0f}")
                else:
                    slope = (peak - base[1]) * 1024 * 1024 / (pixels - base[0])
                    worst = max(worst, slope)
                    cells.append(f"{peak:.0f} ({slope:.1f})")
            print(f"{preset:10}" + "".join(f"{cell:>16}" for cell in cells))
    print(f"largest growth: {worst:.1f} bytes per pixel")
    sys.exit(0)


if __name__ == "__main__":
    main()
