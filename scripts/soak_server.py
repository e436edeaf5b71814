#!/usr/bin/env python3
"""Soak test of `faceguard serve`: concurrent clients with valid and invalid uploads, plus slow clients.

Starts the server on loopback (port 0) in an empty working folder with an empty TMPDIR, then for
--seconds runs --clients threads, each sending requests drawn from a mix: photos to anonymize
(raw JPEG) and to detect (multipart PNG), and bad ones: bytes that are no image, a truncated JPEG,
an empty body, a bad option, a multipart body without a boundary or with a broken one, a body
over the upload limit, a PNG claiming 100000x100000 pixels. Two more threads keep opening
connections that trickle their headers or their body and time how long the server takes to cut
them off. Every request's status must be the one its kind expects (503 back-pressure is allowed
for every request that needs a job slot: all that get as far as decoding); the server's resident memory is sampled every 2 s.

Reports requests and statuses by kind, 5xx other than 503 (target 0), unexpected statuses
(target 0), p50/p99 latency of the answered photos, RSS at the start, middle and end (flat: the
end at most 10 % + 20 MB over the first quarter's), slow clients' time to be cut off, files left in
the working folder or TMPDIR (target 0) and whether any upload's bytes appear in the server's
output (target: no). Exits 1 on any failed target.
"""
import argparse
import http.client
import os
import random
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UPLOAD_LIMIT_MB = 8


def png_claiming(width, height):
    """A tiny PNG whose header claims width x height pixels."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b""))


def multipart(boundary, file_bytes):
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode() + file_bytes + f"\r\n--{boundary}--\r\n".encode()


def request_kinds(models):
    """Each kind of request: (method path, headers, body, accepted statuses, is a photo)."""
    portraits = os.path.join(models, "portraits")
    jpegs = [open(os.path.join(portraits, name), "rb").read()
             for name in sorted(os.listdir(portraits)) if name.endswith(".jpg")]
    png = open(os.path.join(models, "portraits", "camera.png"), "rb").read()
    boundary = "soak-boundary-31f5"
    return {
        "anonymize": (lambda: ("/api/v1/anonymize", {"Content-Type": "image/jpeg"},
                               random.choice(jpegs)), {200, 503}, True),
        "detect-multipart": (lambda: ("/api/v1/detect",
                                      {"Content-Type": f"multipart/form-data; boundary={boundary}"},
                                      multipart(boundary, png)), {200, 503}, True),
        "not-an-image": (lambda: ("/api/v1/anonymize", {"Content-Type": "image/jpeg"},
                                  os.urandom(2000)), {415, 503}, False),
        "truncated-jpeg": (lambda: ("/api/v1/anonymize", {"Content-Type": "image/jpeg"},
                                    random.choice(jpegs)[:5000]), {422, 503}, False),
        "empty": (lambda: ("/api/v1/anonymize", {"Content-Type": "image/jpeg"}, b""), {400, 503}, False),
        "bad-option": (lambda: ("/api/v1/anonymize?mode=sparkle", {"Content-Type": "image/jpeg"},
                                jpegs[0]), {400}, False),
        "multipart-no-boundary": (lambda: ("/api/v1/detect", {"Content-Type": "multipart/form-data"},
                                           multipart(boundary, png)), {400}, False),
        "multipart-broken": (lambda: ("/api/v1/detect",
                                      {"Content-Type": f"multipart/form-data; boundary={boundary}"},
                                      b"--" + boundary.encode() + b"\r\nno headers end"), {400}, False),
        "oversized": (lambda: ("/api/v1/anonymize", {"Content-Type": "image/jpeg"},
                               b"\xff" * (UPLOAD_LIMIT_MB * 1024 * 1024 + 1)), {413}, False),
        "pixel-bomb": (lambda: ("/api/v1/anonymize", {"Content-Type": "image/png"},
                                png_claiming(100_000, 100_000)), {422, 503}, False),
    }


def resident_megabytes(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def trickle(port, part, limit):
    """Seconds until the server cut off a connection trickling its headers or its body."""
    connection = socket.create_connection(("127.0.0.1", port))
    start = time.perf_counter()
    head = b"POST /api/v1/detect HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
    try:
        if part == "body":
            connection.sendall(head + b"Content-Length: 100000\r\n\r\n")
        else:
            connection.sendall(head)
        while time.perf_counter() - start < limit * 3:
            time.sleep(0.25)
            connection.sendall(b"X-Padding: 1\r\n" if part == "headers" else b"\x42" * 16)
    except OSError:
        return time.perf_counter() - start
    finally:
        connection.close()
    return float("inf")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faceguard", default=os.path.join(ROOT, ".build", "release", "faceguard"))
    parser.add_argument("--models", default=os.environ.get("FACEGUARD_MODELS", os.path.join(ROOT, "models")))
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--timeout", type=int, default=10, help="the server's --timeout")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.faceguard = os.path.abspath(args.faceguard)
    random.seed(args.seed)
    kinds = request_kinds(args.models)

    working, temporary = tempfile.mkdtemp(prefix="faceguard-soak-"), tempfile.mkdtemp(prefix="faceguard-soak-tmp-")
    log_path = os.path.join(tempfile.gettempdir(), f"faceguard-soak-{os.getpid()}.log")
    log = open(log_path, "wb")
    server = subprocess.Popen(
        [args.faceguard, "serve", "--port", "0", "--max-upload-mb", str(UPLOAD_LIMIT_MB),
         "--timeout", str(args.timeout)],
        cwd=working, env=dict(os.environ, FACEGUARD_MODELS=args.models, TMPDIR=temporary),
        stdout=subprocess.PIPE, stderr=log)
    port = int(re.search(rb"http://127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
    threading.Thread(target=lambda: shutil.copyfileobj(server.stdout, log), daemon=True).start()

    lock = threading.Lock()
    statuses, latencies, unexpected = {}, [], []
    memory, cutoffs = [], {"headers": [], "body": []}
    end = time.perf_counter() + args.seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout * 3)
        while time.perf_counter() < end:
            name = random.choice(list(kinds))
            make, accepted, is_photo = kinds[name]
            path, headers, body = make()
            start = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                status = f"connection error ({type(error).__name__})"
                connection.close()
            seconds = time.perf_counter() - start
            with lock:
                statuses[(name, status)] = statuses.get((name, status), 0) + 1
                if status not in accepted:
                    unexpected.append((name, status))
                if is_photo and status == 200:
                    latencies.append(seconds)
            if status == 503:
                time.sleep(random.uniform(0.2, 1.0))

    def slow(part):
        while time.perf_counter() < end:
            seconds = trickle(port, part, args.timeout)
            with lock:
                cutoffs[part].append(seconds)

    def sample():
        while time.perf_counter() < end:
            memory.append(resident_megabytes(server.pid))
            time.sleep(2)

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    threads += [threading.Thread(target=slow, args=(part,)) for part in ("headers", "body")]
    threads.append(threading.Thread(target=sample))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    server.terminate()
    server.wait()
    log.close()

    total = sum(statuses.values())
    server_errors = {key: count for key, count in statuses.items()
                     if isinstance(key[1], int) and key[1] >= 500 and key[1] != 503}
    print(f"{total} requests in {args.seconds:.0f} s from {args.clients} clients "
          f"({total / args.seconds:.1f} per second)")
    for (name, status), count in sorted(statuses.items(), key=lambda item: (item[0][0], str(item[0][1]))):
        print(f"  {name:24} {status}: {count}")
    print(f"5xx other than 503: {sum(server_errors.values())}; unexpected statuses: {len(unexpected)}")
    print(f"answered photos: {len(latencies)}, latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms")
    quarter = memory[len(memory) // 4] if memory else 0
    flat = bool(memory) and memory[-1] <= quarter * 1.10 + 20
    if memory:
        per_minute = [max(memory[start:start + 30]) for start in range(0, len(memory), 30)]
        print("RSS MB, highest per minute: " + " ".join(f"{value:.0f}" for value in per_minute))
        print(f"RSS MB: start {memory[0]:.0f}, first quarter {quarter:.0f}, middle "
              f"{memory[len(memory) // 2]:.0f}, end {memory[-1]:.0f}, max {max(memory):.0f} "
              f"({'flat' if flat else 'GROWING'})")
    for part, values in cutoffs.items():
        finite = [value for value in values if value != float("inf")]
        print(f"slow {part}: {len(values)} connections, cut off after "
              f"{min(finite, default=float('nan')):.1f}-{max(finite, default=float('nan')):.1f} s "
              f"(--timeout {args.timeout}), never cut off: {len(values) - len(finite)}")
    left = os.listdir(working) + os.listdir(temporary)
    output = open(log_path, "rb").read()
    uploads = [make()[2] for make, _, _ in kinds.values()]
    leaked = any(len(upload) >= 64 and upload[16:80] in output for upload in uploads)
    print(f"files left in the working folder and TMPDIR: {len(left)}; server output {len(output)} "
          f"bytes, upload bytes in it: {'YES' if leaked else 'no'}")
    never_cut = sum(value == float("inf") for values in cutoffs.values() for value in values)
    shutil.rmtree(working, ignore_errors=True)
    shutil.rmtree(temporary, ignore_errors=True)
    os.unlink(log_path)
    failed = server_errors or unexpected or not flat or left or leaked or never_cut or not latencies
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
