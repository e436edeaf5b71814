#!/usr/bin/env python3
"""Proves FaceGuard needs no network and opens none: fails on any socket that could leave the machine.

1. `faceguard -o OUT photo.jpg clip.mp4` under `strace -f -e trace=network`: no network system
   call at all.
2. `faceguard serve` under strace, answering /healthz, an anonymize, a detect and a bad request:
   the only sockets allowed are its TCP listening socket bound to 127.0.0.1 and the connections
   it accepted from 127.0.0.1, plus the two local queries the C library makes while turning the
   listening address into a socket address (a NETLINK_ROUTE socket asking the kernel for this
   machine's own addresses, and a Unix socket to the name service cache daemon, nscd). Any
   connect() to an IP address, any datagram socket (DNS), any bind or peer beyond loopback fails.
3. In a new, empty network namespace (`unshare -n`, loopback only): the command anonymizes a
   photo with no interface at all, and the server, with only `lo` up, serves a photo.

Exits 1 on any violation and prints each offending system call.
"""
import argparse
import faulthandler
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOOPBACK = re.compile(r'inet_addr\("127\.\d+\.\d+\.\d+"\)|inet_pton\(AF_INET6, "::1"\)')


def start_server(command, environment, cwd):
    """Starts a server command printing its address, and returns it with its port."""
    server = subprocess.Popen(command, env=environment, cwd=cwd, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    line = server.stdout.readline()
    match = re.search(rb"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        server.kill()
        sys.exit(f"the server did not start: {line!r}")
    return server, int(match.group(1))


def stop(server):
    """Stops a server started by start_server: SIGTERM to the server itself (under strace, to the
    traced process, as strace would otherwise detach and leave it running), then waits for it."""
    try:
        children = open(f"/proc/{server.pid}/task/{server.pid}/children").read().split()
    except OSError:
        children = []
    for pid in children or [server.pid]:
        try:
            os.kill(int(pid), signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        for pid in children:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
        server.kill()
        server.wait()


def exercise(port, photo):
    """Sends the requests the server must answer; returns their statuses."""
    statuses = []
    for method, path, body, kind in [
        ("GET", "/healthz", None, None),
        ("POST", "/api/v1/anonymize", photo, "image/jpeg"),
        ("POST", "/api/v1/detect", photo, "image/jpeg"),
        ("POST", "/api/v1/anonymize", b"not an image", "image/jpeg"),
    ]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request(method, path, body=body, headers={"Content-Type": kind} if kind else {})
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
        connection.close()
    return statuses


def violations(trace):
    """The system calls of a server's network trace that are not loopback serving."""
    found = []
    for line in trace.splitlines():
        call = line.split(None, 1)[1] if line[:1].isdigit() else line
        if call.startswith("socket("):
            allowed = ("AF_INET, SOCK_STREAM" in call or "AF_INET6, SOCK_STREAM" in call
                       or "AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE" in call
                       or "AF_UNIX, SOCK_STREAM" in call)
        elif call.startswith("connect("):
            allowed = 'sun_path="/var/run/nscd/socket"' in call
        elif call.startswith(("bind(", "getpeername(", "sendto(", "sendmsg(", "recvfrom(")):
            inet = "AF_INET" in call
            allowed = not inet or bool(LOOPBACK.search(call))
        else:
            allowed = True
        if not allowed:
            found.append(call)
    return found


def namespace_part(args):
    """Runs inside `unshare -n`: the command with no interface, then the server on lo alone."""
    environment = dict(os.environ, FACEGUARD_MODELS=args.models)
    work = tempfile.mkdtemp(prefix="faceguard-netns-")
    photo = os.path.join(work, "photo.jpg")
    shutil.copy(args.photo, photo)
    command = subprocess.run([args.faceguard, "-o", os.path.join(work, "out"), photo],
                             env=environment, capture_output=True, text=True)
    written = os.path.exists(os.path.join(work, "out", "photo.jpg"))
    print(f"  no interface at all: the command exited {command.returncode}, output written: {written}")
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    server, port = start_server([args.faceguard, "serve", "--port", "0"], environment, work)
    try:
        statuses = exercise(port, open(photo, "rb").read())
    finally:
        stop(server)
    print(f"  loopback only: the server answered {statuses}")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if command.returncode == 0 and written and statuses == [200, 200, 200, 415] else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faceguard", default=os.path.join(ROOT, ".build", "release", "faceguard"))
    parser.add_argument("--models", default=os.environ.get("FACEGUARD_MODELS", os.path.join(ROOT, "models")))
    parser.add_argument("--photo", default=None, help="default: models/portraits/obama.jpg")
    parser.add_argument("--namespace-part", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    faulthandler.dump_traceback_later(900)
    args.faceguard = os.path.abspath(args.faceguard)
    args.models = os.path.abspath(args.models)
    args.photo = os.path.abspath(args.photo or os.path.join(args.models, "portraits", "obama.jpg"))
    if args.namespace_part:
        namespace_part(args)
    failed = False
    environment = dict(os.environ, FACEGUARD_MODELS=args.models)
    work = tempfile.mkdtemp(prefix="faceguard-egress-")
    try:
        clip = os.path.join(args.models, "clips", "carphone_pristine.mp4")
        trace = os.path.join(work, "command.trace")
        subprocess.run(["strace", "-f", "-qq", "-e", "trace=network", "-o", trace, args.faceguard,
                        "--no-audio", "-o", os.path.join(work, "out"), args.photo, clip],
                       env=environment, check=True, capture_output=True)
        calls = [line for line in open(trace).read().splitlines() if "(" in line]
        print(f"command (a photo and a video): {len(calls)} network system calls")
        for call in calls:
            print(f"  NOT ALLOWED: {call}")
        failed |= bool(calls)

        trace = os.path.join(work, "server.trace")
        server, port = start_server(
            ["strace", "-f", "-qq", "-e", "trace=network", "-o", trace, args.faceguard, "serve",
             "--port", "0"], environment, work)
        try:
            statuses = exercise(port, open(args.photo, "rb").read())
        finally:
            stop(server)
        text = open(trace).read()
        bad = violations(text)
        print(f"server: answered {statuses}; {len(text.splitlines())} network system calls, "
              f"{len(bad)} not loopback serving")
        for call in bad:
            print(f"  NOT ALLOWED: {call}")
        failed |= bool(bad) or statuses != [200, 200, 200, 415]

        unshare = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
        print("in an empty network namespace:")
        inside = subprocess.run(
            unshare + [sys.executable, os.path.abspath(__file__), "--namespace-part", "--faceguard",
                       args.faceguard, "--models", args.models, "--photo", args.photo])
        failed |= inside.returncode != 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("no egress: " + ("FAILED" if failed else "passed"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
