#!/usr/bin/env bash
# Measures POST /api/v1/anonymize on loopback: requests/s and p50/p99 latency with a 1920x1080
# JPEG (astronaut tiled, 3 faces) at concurrency 1, 2 and 8 (wrk, 20 s each), and the server's
# peak RSS and processor time over wall time (2 = both of two cores busy throughout). Needs wrk (Debian) and Pillow (PyPI) to make the test photo; builds the release binary.
# The server runs with --jobs 8 so concurrency 8 measures queueing on the cores, not 503s.
# BENCH_DURATION sets each run's length (default 20s).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${FACEGUARD_MODELS:-$root/models}"
duration="${BENCH_DURATION:-20s}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench-server: install wrk (apt-get install wrk)" >&2; exit 1; }
(cd "$root" && swift build -c release --product faceguard >"$work/build.log" 2>&1) \
  || { cat "$work/build.log" >&2; exit 1; }
binary="$root/.build/release/faceguard"

python3 - "$models/astronaut.png" "$work/photo.jpg" <<'PY'
import sys
from PIL import Image
face = Image.open(sys.argv[1]).convert("RGB").resize((1080, 1080))
canvas = Image.new("RGB", (1920, 1080), (90, 110, 130))
canvas.paste(face, (0, 0))
canvas.paste(face.resize((540, 540)), (1200, 0))
canvas.paste(face.resize((540, 540)), (1200, 540))
canvas.save(sys.argv[2], quality=90)
PY

# Starts a fresh server (so requests a previous run abandoned do not hold job slots).
start_server() {
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  FACEGUARD_MODELS="$models" "$binary" serve --port "$port" --jobs 8 >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
}
stop_server() {
  kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
start_server

faces="$(curl -fsS -o /dev/null -D - -H 'Content-Type: image/jpeg' --data-binary @"$work/photo.jpg" \
  "http://127.0.0.1:$port/api/v1/anonymize" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-faces"{print $2}')"
echo "bench-server: 1920x1080 JPEG ($(stat -c %s "$work/photo.jpg") bytes), $faces faces hidden per request"

cat >"$work/post.lua" <<LUA
local file = io.open("$work/photo.jpg", "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "image/jpeg"
LUA

stop_server
# Processor seconds (user + system) the server has used so far.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' /proc/"$server_pid"/stat; }
printf '%-12s %10s %10s %10s %8s %8s %14s %9s\n' concurrency "req/s" "p50 ms" "p99 ms" non-2xx requests "peak RSS" cpu/wall
for connections in 1 2 8; do
  start_server
  threads=$((connections < 2 ? connections : 2))
  cpu_before="$(server_cpu)"
  wall_before="$(date +%s.%N)"
  output="$(wrk -t "$threads" -c "$connections" -d "$duration" --timeout 120s --latency \
    -s "$work/post.lua" \
    "http://127.0.0.1:$port/api/v1/anonymize")"
  rps="$(awk '/Requests\/sec/{print $2}' <<<"$output")"
  p50="$(awk '$1=="50%"{print $2}' <<<"$output")"
  p99="$(awk '$1=="99%"{print $2}' <<<"$output")"
  errors="$(awk '/Non-2xx/{print $NF}' <<<"$output")"
  requests="$(awk '/requests in/{print $1}' <<<"$output")"
  to_ms() { awk -v v="$1" 'BEGIN{u=v; gsub(/[0-9.]/,"",u); n=v+0; if(u=="us")n/=1000; else if(u=="s")n*=1000; else if(u=="m")n*=60000; printf "%.0f", n}'; }
  rss="$(awk '/VmHWM/{print $2, $3}' /proc/"$server_pid"/status)"
  busy="$(awk -v c0="$cpu_before" -v c1="$(server_cpu)" -v w0="$wall_before" -v w1="$(date +%s.%N)" \
    'BEGIN{printf "%.2f", (c1 - c0) / (w1 - w0)}')"
  stop_server
  printf '%-12s %10s %10s %10s %8s %8s %14s %9s\n' "$connections" "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" \
    "${errors:-0}" "$requests" "$rss" "$busy"
done
