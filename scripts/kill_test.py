#!/usr/bin/env python3
"""Kills a real `faceguard -o OUT IN` batch with SIGKILL at random moments and checks what is left.

The batch holds the sample portraits (and, unless --smoke, a video clip), --copies times each in
separate folders. A clean run made first is the reference. Then, over and over: the batch is
started with --skip-existing and killed after a random time between 0 and the reference run's
length; every output then at a target path must be complete (byte for byte the reference's when
the reference run was repeatable, else decoded to the end by ffmpeg without an error). Once every
output is there, the output folder is emptied and the cycle starts again. At the end a last run
with --skip-existing must finish the batch and leave no temporary file (.faceguard-*) behind.

Prints the number of kills, outputs checked, corrupt outputs (target 0) and stray temporary files
after the next run (target 0); exits 1 when either is not 0.
"""
import argparse
import filecmp
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_inputs(folder, models, copies, with_video):
    """Copies of the sample portraits (and a clip) in `copies` subfolders of `folder`."""
    portraits = os.path.join(models, "portraits")
    sources = [os.path.join(portraits, name) for name in sorted(os.listdir(portraits))]
    sources.append(os.path.join(models, "astronaut.png"))
    if with_video:
        sources.append(os.path.join(models, "clips", "carphone_pristine.mp4"))
    for copy in range(copies):
        target = os.path.join(folder, f"set{copy}")
        os.makedirs(target, exist_ok=True)
        for source in sources:
            shutil.copy(source, target)


def outputs(folder):
    """Relative paths of the files below `folder`, temporary ones included."""
    found = []
    for base, _, names in os.walk(folder):
        found += [os.path.relpath(os.path.join(base, name), folder) for name in names]
    return sorted(found)


def is_temporary(path):
    return os.path.basename(path).startswith(".faceguard-")


def run_batch(command, models, seconds=None):
    """Runs the batch, killing it with SIGKILL after `seconds`; returns whether it was killed."""
    environment = dict(os.environ, FACEGUARD_MODELS=models)
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def decodes(path):
    """Whether ffmpeg reads the whole file without an error."""
    result = subprocess.run(["ffmpeg", "-v", "error", "-xerror", "-i", path, "-f", "null", "-"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return result.returncode == 0 and not result.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faceguard", default=os.path.join(ROOT, ".build", "release", "faceguard"))
    parser.add_argument("--models", default=os.environ.get("FACEGUARD_MODELS", os.path.join(ROOT, "models")))
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--smoke", action="store_true", help="5 kills, one copy, photos only")
    parser.add_argument("--work", help="working folder (default: a new temporary one, removed)")
    args = parser.parse_args()
    if args.smoke:
        args.kills, args.copies = 5, 1
    random.seed(args.seed)
    work = args.work or tempfile.mkdtemp(prefix="faceguard-kill-")
    shutil.rmtree(work, ignore_errors=True)
    inputs, out, reference, again = (os.path.join(work, name) for name in ("in", "out", "ref", "ref2"))
    make_inputs(inputs, args.models, args.copies, with_video=not args.smoke)

    start = time.perf_counter()
    run_batch([args.faceguard, "-o", reference, inputs], args.models)
    length = time.perf_counter() - start
    run_batch([args.faceguard, "-o", again, inputs], args.models)
    expected = outputs(reference)
    repeatable = expected == outputs(again) and all(
        filecmp.cmp(os.path.join(reference, name), os.path.join(again, name), shallow=False)
        for name in expected)
    print(f"reference run: {len(expected)} outputs in {length:.1f} s; "
          f"{'repeatable byte for byte' if repeatable else 'not repeatable: checking by decoding'}")

    command = [args.faceguard, "--skip-existing", "-o", out, inputs]
    kills = checked = corrupt = completed_cycles = 0
    while kills < args.kills:
        killed = run_batch(command, args.models, seconds=random.uniform(0, length))
        kills += killed
        for name in outputs(out):
            if is_temporary(name):
                continue
            checked += 1
            path = os.path.join(out, name)
            complete = (filecmp.cmp(path, os.path.join(reference, name), shallow=False)
                        if repeatable else decodes(path))
            if not complete:
                corrupt += 1
                print(f"CORRUPT after kill {kills}: {name}", file=sys.stderr)
        finished = [name for name in outputs(out) if not is_temporary(name)]
        if finished == expected:
            completed_cycles += 1
            shutil.rmtree(out)

    run_batch(command, args.models)
    left = outputs(out)
    stray = [name for name in left if is_temporary(name)]
    missing = sorted(set(expected) - set(left))
    print(f"kills: {kills}; outputs checked: {checked}; corrupt: {corrupt}; "
          f"batches completed across kills: {completed_cycles}")
    print(f"after the next run: {len(left) - len(stray)} of {len(expected)} outputs, "
          f"{len(stray)} stray temporary files, missing: {missing or 'none'}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if corrupt or stray or missing else 0)


if __name__ == "__main__":
    main()
