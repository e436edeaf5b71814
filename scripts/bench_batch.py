#!/usr/bin/env python3
"""Photos per second and processor time over wall time of a batch (`faceguard -o OUT FOLDER`).

The folder holds the two composed group photos of `faceguard bench --save-samples` (1920x1080
and 3840x2160) and the seven sample portraits, --copies times each. Every --jobs value runs the
whole batch under /usr/bin/time; cpu/wall is processor time (user + system, every thread) over
wall time: 2 when both of two cores were busy throughout.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command):
    """Wall seconds and processor seconds of a command run under /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%U %S", "-o", stats.name, *command], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        user, system = (float(value) for value in stats.read().split()[-2:])
    return wall, user + system


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faceguard", default=os.path.join(ROOT, ".build", "release", "faceguard"))
    parser.add_argument("--models", default=os.environ.get("FACEGUARD_MODELS", os.path.join(ROOT, "models")))
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("options", nargs=argparse.REMAINDER, help="more faceguard options, after --")
    args = parser.parse_args()
    extra = [option for option in args.options if option != "--"]

    with tempfile.TemporaryDirectory() as work:
        samples = os.path.join(work, "samples")
        subprocess.run([args.faceguard, "bench", "--runs", "1", "--save-samples", samples], check=True,
                       stdout=subprocess.DEVNULL)
        sources = [os.path.join(samples, name) for name in sorted(os.listdir(samples)) if name.endswith(".jpg")]
        portraits = os.path.join(args.models, "portraits")
        sources += [os.path.join(portraits, name) for name in sorted(os.listdir(portraits))]
        sources.append(os.path.join(args.models, "astronaut.png"))
        photos = os.path.join(work, "photos")
        os.makedirs(photos)
        for copy in range(args.copies):
            for source in sources:
                shutil.copy(source, os.path.join(photos, f"{copy}-{os.path.basename(source)}"))
        count = len(os.listdir(photos))
        print(f"batch of {count} photos ({args.copies} x {len(sources)}: two group photos, seven portraits), "
              f"{os.cpu_count()} cores, options {' '.join(extra) or '(defaults)'}")
        print(f"{'jobs':>5s} {'wall s':>8s} {'photos/s':>9s} {'cpu/wall':>9s}")
        for jobs in args.jobs:
            out = os.path.join(work, f"out-{jobs}")
            wall, processor = timed([args.faceguard, "--jobs", str(jobs), *extra, "-o", out, photos])
            written = sum(len(files) for _, _, files in os.walk(out))
            if written != count:
                sys.exit(f"bench-batch: {written} of {count} outputs written with --jobs {jobs}")
            print(f"{jobs:5d} {wall:8.2f} {count / wall:9.2f} {processor / wall:9.2f}")


if __name__ == "__main__":
    main()
