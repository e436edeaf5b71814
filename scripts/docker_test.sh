#!/usr/bin/env bash
# Builds the FaceGuard image (Dockerfile) and checks it the way it is meant to be run:
#   (a) the command anonymizes a mounted photo with --network none, a read-only root filesystem,
#       user 10001 and no capabilities: the output exists, is owned by 10001, differs from the
#       input, nothing was written inside the container (docker diff), and `faceguard detect`
#       finds fewer faces in the output than in the input;
#   (b) the server answers /healthz, the web page and POST /api/v1/anonymize on 127.0.0.1, once
#       with --network host and once with --network none (the container's own loopback, reached
#       with curl from the host inside the container's network namespace via nsenter);
#   (c) figures: the image size, the time from `docker run` to the first /healthz 200 (median of
#       3), the server's peak RSS after a few requests, and the time to anonymize a 1920x1080
#       group photo inside the container against the very same binary (copied out of the image)
#       outside it, median of 3 each, interleaved, as a ratio;
#   (d) when the image's faceguard has --shard: what each pod of the Kubernetes Indexed Job runs
#       (deploy/kubernetes/60-batch-job.yaml), as 3 containers on one folder: every file in
#       exactly one shard, the tree mirrored, a shard run again rewrites nothing
#       (--skip-existing), and `faceguard verify --check-inputs` finds every output in the
#       shards' --audit logs.
# With --bench it also measures what docs/deploy.md derives a cluster's throughput from: the
# server's photos/s under 2 concurrent clients for BENCH_SECONDS (default 60) with wrk, a
# batch's photos/s for a folder (27 photos) at --jobs 1, --jobs 2 and --jobs 1 --threads 1, all
# in one container, with the processor time each used (its control group's), and the processor
# time of one 1920x1080 photo on one thread: photos per core-second, which a neighbour's load
# barely changes.
#
# No registry is needed. When the base images (BUILDER_IMAGE, RUNTIME_IMAGE: the Dockerfile's
# defaults swift:6.3.1-bookworm and debian:bookworm-slim) are not present, it makes local
# stand-ins once: Debian bookworm from this machine's apt mirror with `debootstrap
# --variant=minbase` (what the official debian images are made from), and for the builder that
# base plus this machine's Swift toolchain, its local package mirrors and the git `insteadOf`
# rules that point GitHub addresses at them, so `swift package resolve` inside the build works
# offline exactly as it does on the host. It installs docker.io and debootstrap from Debian when
# missing and starts dockerd (--iptables=false --bridge=none, log in .build/docker-test/) when no
# daemon answers; builds use --network host for apt. Idempotent: stand-ins and image layers are
# reused, and every container it starts is removed on exit.
#
# The build context is the working tree (as `docker build .`); --from-head builds the committed
# HEAD instead (git archive, plus this tree's Dockerfile, .dockerignore and fetched models/), for
# an image of exactly one commit while sources are being edited.
#
# --wait-quiet waits (up to 30 minutes) before the checks until the machine has been idle for 20 s
# (under 0.2 cores busy), so that a neighbour's build does not weigh on the figures; the figures
# print the cores other processes used during each timed run either way.
#
# Usage: scripts/docker_test.sh [--bench] [--wait-quiet] [--from-head] [--skip-build] [--rebuild-bases]
# Environment: IMAGE (default faceguard:local), BUILDER_IMAGE, RUNTIME_IMAGE, SWIFT_BUILD_JOBS,
#              DOCKER_TEST_PORT (default: a free port), BENCH_SECONDS.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/.build/docker-test"
image="${IMAGE:-faceguard:local}"
bench=0 wait_quiet=0 from_head=0 skip_build=0 rebuild_bases=0
for argument in "$@"; do
  case "$argument" in
    --bench) bench=1 ;;
    --from-head) from_head=1 ;;
    --wait-quiet) wait_quiet=1 ;;
    --skip-build) skip_build=1 ;;
    --rebuild-bases) rebuild_bases=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "docker-test: unknown argument $argument" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
say() { echo "docker-test: $*"; }
fail() { echo "docker-test: FAILED: $*" >&2; exit 1; }

containers=()
cleanup() {
  local name
  for name in "${containers[@]}"; do docker rm -f "$name" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
# Starts a container whose name this script owns (removing a leftover of an earlier run first).
track() {
  docker rm -f "$1" >/dev/null 2>&1 || true
  containers+=("$1")
}

now() { date +%s.%N; }
# Processor seconds a running container's control group has used (cgroup v1 or v2).
container_cpu() {
  local pid group file
  pid="$(docker inspect -f '{{.State.Pid}}' "$1")"
  group="$(awk -F: '$2 ~ /(^|,)cpuacct(,|$)/ {print $3}' "/proc/$pid/cgroup")"
  for file in "/sys/fs/cgroup/cpuacct$group/cpuacct.usage" "/sys/fs/cgroup/cpu,cpuacct$group/cpuacct.usage"; do
    if [[ -n "$group" && -r "$file" ]]; then awk '{print $1 / 1e9}' "$file"; return; fi
  done
  group="$(awk -F: '$1 == "0" {print $3}' "/proc/$pid/cgroup")"
  awk '/^usage_usec/{print $2 / 1e6}' "/sys/fs/cgroup$group/cpu.stat"
}
# Processor seconds the whole machine has been busy (every process, ours and anyone else's).
machine_cpu() { awk -v hz="$(getconf CLK_TCK)" '/^cpu /{print ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b - a}'; }
median() { sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }

# --- the Docker engine ---------------------------------------------------------------------------
apt_install() {
  [[ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]] \
    || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if ! command -v dockerd >/dev/null && ! docker info >/dev/null 2>&1; then
  say "installing docker.io from Debian"
  apt_install docker.io
fi
if ! docker info >/dev/null 2>&1; then
  say "starting dockerd --iptables=false --bridge=none (log: $work/dockerd.log)"
  nohup dockerd --iptables=false --bridge=none >>"$work/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || fail "dockerd did not start; see $work/dockerd.log"
fi

# --- base images ---------------------------------------------------------------------------------
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# This machine's Debian mirror (deb822 sources first, then the one-line format).
mirror="$(awk '/^URIs:/{print $2}' /etc/apt/sources.list.d/*.sources 2>/dev/null \
  | grep -v security | head -n1 || true)"
[[ -n "$mirror" ]] || mirror="$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' \
  /etc/apt/sources.list 2>/dev/null || true)"
mirror="${mirror:-http://deb.debian.org/debian}"
security_mirror="$(dirname "$mirror")/debian-security"

# The rootfs of a Debian bookworm minbase, trimmed as the official -slim images are.
debootstrap_into() {
  local dir="$1"
  shift
  command -v debootstrap >/dev/null || { say "installing debootstrap"; apt_install debootstrap; }
  rm -rf "$dir"
  mkdir -p "$work/debootstrap-cache"
  debootstrap --variant=minbase --cache-dir="$work/debootstrap-cache" "$@" bookworm "$dir" \
    "$mirror" >"$dir.log" 2>&1 || { tail -n 20 "$dir.log" >&2; fail "debootstrap into $dir"; }
  rm -f "$dir/etc/apt/sources.list"
  cat >"$dir/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat >"$dir/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
EOF
  cat >"$dir/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  find "$dir/usr/share/doc" -mindepth 2 ! -name copyright -delete 2>/dev/null || true
  find "$dir/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  rm -rf "$dir"/usr/share/{man,info,groff,linda,lintian,locale}/* "$dir"/var/cache/apt/*.bin \
    "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/var/log/* \
    "$dir"/tmp/* "$dir"/dev/* "$dir"/proc/* "$dir"/sys/*
}
import_rootfs() {
  local dir="$1" tag="$2" path="$3"
  tar --numeric-owner -C "$dir" -c . \
    | docker import --change "ENV PATH=$path" --change 'CMD ["bash"]' - "$tag" >/dev/null
  rm -rf "$dir"
}
plain_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if [[ -z "${RUNTIME_IMAGE:-}" ]]; then
  if have_image debian:bookworm-slim; then
    RUNTIME_IMAGE=debian:bookworm-slim
  else
    RUNTIME_IMAGE=faceguard-standin/debian:bookworm-slim
    if ((rebuild_bases)) || ! have_image "$RUNTIME_IMAGE"; then
      say "making $RUNTIME_IMAGE: debootstrap --variant=minbase bookworm from $mirror"
      debootstrap_into "$work/rootfs-debian" --include=passwd
      import_rootfs "$work/rootfs-debian" "$RUNTIME_IMAGE" "$plain_path"
    fi
  fi
fi

swift_bin="$(command -v swift || true)"
toolchain="${SWIFT_TOOLCHAIN:-$([[ -n "$swift_bin" ]] && cd "$(dirname "$swift_bin")/../.." && pwd)}"
if [[ -z "${BUILDER_IMAGE:-}" ]]; then
  swift_version="$("$toolchain/usr/bin/swift" --version 2>/dev/null \
    | sed -n 's/.*Swift version \([0-9][0-9.]*\).*/\1/p' | head -n1)"
  if have_image "swift:${swift_version}-bookworm"; then
    BUILDER_IMAGE="swift:${swift_version}-bookworm"
  else
    BUILDER_IMAGE="faceguard-standin/swift:${swift_version}-bookworm"
    if ((rebuild_bases)) || ! have_image "$BUILDER_IMAGE"; then
      [[ -x "$toolchain/usr/bin/swift" ]] || fail "no Swift toolchain found (set SWIFT_TOOLCHAIN)"
      say "making $BUILDER_IMAGE: bookworm minbase + the toolchain in $toolchain"
      dir="$work/rootfs-swift"
      # What the official swift:*-bookworm images install beside the toolchain.
      debootstrap_into "$dir" --include=passwd,ca-certificates,git,unzip,binutils,gcc,libc6-dev,libgcc-12-dev,libstdc++-12-dev,libcurl4-openssl-dev,libxml2-dev,libedit2,libicu72,libsqlite3-0,libncurses-dev,libz3-dev,pkg-config,tzdata,zlib1g-dev,uuid-dev,python3
      mkdir -p "$dir$toolchain"
      cp -a "$toolchain/." "$dir$toolchain/"
      # The git rules that send GitHub addresses to local package mirrors, and those mirrors: with
      # them `swift package resolve` needs no network inside the build, as on this machine.
      touch "$dir/etc/gitconfig"
      while read -r key value; do
        git config --file "$dir/etc/gitconfig" --add "$key" "$value"
        base="${key#url.}"
        base="${base%.insteadof}"
        if [[ "$base" == /* && -d "$base" && ! -e "$dir$base" ]]; then
          say "copying the package mirrors in $base"
          mkdir -p "$dir$base"
          cp -a "$base/." "$dir$base/"
        fi
      done < <(git config --get-regexp '^url\..*\.insteadof$' || true)
      import_rootfs "$dir" "$BUILDER_IMAGE" "$toolchain/usr/bin:$plain_path"
    fi
  fi
fi
say "base images: BUILDER_IMAGE=$BUILDER_IMAGE RUNTIME_IMAGE=$RUNTIME_IMAGE"

# --- the image -----------------------------------------------------------------------------------
if ((skip_build)) && have_image "$image"; then
  say "reusing $image (--skip-build)"
else
  context="$root"
  revision="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if ((from_head)); then
    context="$work/context"
    rm -rf "$context"
    mkdir -p "$context"
    git -C "$root" archive HEAD | tar -x -C "$context"
    cp "$root/Dockerfile" "$root/.dockerignore" "$context/"
    if [[ -d "$root/models" ]]; then cp -a "$root/models" "$context/"; fi
  elif [[ -n "$(git -C "$root" status --porcelain -- Package.swift Sources 2>/dev/null)" ]]; then
    revision="$revision+changes"
  fi
  say "docker build -t $image from $context at $revision (log: $work/build.log; a first build takes 10-20 minutes)"
  build_start="$(now)"
  build_args=(--build-arg BUILDER_IMAGE="$BUILDER_IMAGE" --build-arg RUNTIME_IMAGE="$RUNTIME_IMAGE"
    --build-arg SWIFT_BUILD_JOBS="${SWIFT_BUILD_JOBS:-}")
  # The builder stage is tagged too, so that its layers stay as the next build's cache while the
  # builder stages of earlier builds, untagged now, can be pruned (by their stage label).
  { docker build --network host --force-rm --target builder -t "${image%:*}-builder:cache" \
      "${build_args[@]}" "$context" \
    && docker build --network host --force-rm -t "$image" "${build_args[@]}" \
      --build-arg REVISION="$revision" "$context"; } >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log" >&2; fail "docker build; see $work/build.log"; }
  docker image prune -f --filter label=org.faceguard.stage=builder >/dev/null
  say "built in $(elapsed "$build_start" "$(now)") s"
fi
image_bytes="$(docker image inspect -f '{{.Size}}' "$image")"
runtime_bytes="$(docker image inspect -f '{{.Size}}' "$RUNTIME_IMAGE")"
compressed_bytes="$(docker save "$image" | gzip -1 | wc -c)"
user="$(docker image inspect -f '{{.Config.User}}' "$image")"
[[ "$user" == 10001:10001 ]] || fail "the image runs as '$user', not 10001:10001"

if ((wait_quiet)); then
  say "waiting for 20 s with under 0.2 cores busy (--wait-quiet, at most 30 minutes)"
  deadline=$(($(date +%s) + 1800))
  while (($(date +%s) < deadline)); do
    before="$(machine_cpu)"
    sleep 20
    quiet="$(awk -v a="$before" -v b="$(machine_cpu)" 'BEGIN{print ((b - a) / 20 < 0.2) ? 1 : 0}')"
    ((quiet)) && break
  done
  ((quiet)) && say "quiet now" || say "still busy after 30 minutes; measuring anyway"
fi

# The same binary and models outside the container, copied out of the image.
track faceguard-test-extract
docker create --name faceguard-test-extract "$image" >/dev/null
rm -rf "$work/extracted"
docker cp faceguard-test-extract:/opt/faceguard "$work/extracted"
docker rm -f faceguard-test-extract >/dev/null
outside="$work/extracted/bin/faceguard"
export FACEGUARD_MODELS="$work/extracted/models"
if ! "$outside" --help >/dev/null 2>&1; then
  fail "the image's binary does not run on this host (its libraries: run scripts/setup.sh)"
fi

# The photo: the 1920x1080 group photo `faceguard bench` composes from the sample portraits.
photos="$work/in"
rm -rf "$photos" "$work/samples"
mkdir -p "$photos"
"$outside" bench --runs 1 --preset fast --save-samples "$work/samples" >/dev/null
cp "$work/samples/group-1920x1080.jpg" "$photos/group.jpg"
faces_placed="$(grep -o '"score"' "$work/samples/group-1920x1080.jpg.faces.json" | wc -l)"
chmod -R a+rX "$photos"

hardened=(--read-only --user 10001:10001 --cap-drop ALL --security-opt no-new-privileges)
fresh_output() { rm -rf "$work/$1"; mkdir -p "$work/$1"; chown 10001:10001 "$work/$1"; }
count_faces() { sed -n 's/.*: \([0-9][0-9]*\) faces\{0,1\}.*/\1/p' | head -n1; }

# --- (a) the command, offline, read-only, non-root ------------------------------------------------
say "(a) anonymizing with --network none, --read-only, --user 10001:10001, --cap-drop ALL"
fresh_output out
track faceguard-test-command
docker run --name faceguard-test-command --network none "${hardened[@]}" \
  -v "$photos:/in:ro" -v "$work/out:/out" "$image" /in -o /out >"$work/command.log" 2>&1 \
  || { cat "$work/command.log" >&2; fail "the command in the container"; }
[[ -s "$work/out/group.jpg" ]] || fail "no output $work/out/group.jpg"
cmp -s "$photos/group.jpg" "$work/out/group.jpg" && fail "the output is the input unchanged"
[[ "$(stat -c %u "$work/out/group.jpg")" == 10001 ]] || fail "the output is not owned by 10001"
# Only the two mount points Docker itself made may differ from the image.
changed="$(docker diff faceguard-test-command | grep -v -x -e 'A /in' -e 'A /out' || true)"
[[ -z "$changed" ]] || fail "the container changed its filesystem: $changed"
docker rm -f faceguard-test-command >/dev/null
track faceguard-test-detect
faces_before="$(docker run --rm --name faceguard-test-detect --network none "${hardened[@]}" \
  -v "$photos:/in:ro" "$image" detect /in/group.jpg | count_faces)"
faces_after="$(docker run --rm --name faceguard-test-detect --network none "${hardened[@]}" \
  -v "$work/out:/in:ro" "$image" detect /in/group.jpg | count_faces)"
say "(a) ok: $(sed -n '1p' "$work/command.log" | cut -c1-120)"
say "(a) faces found: $faces_before of $faces_placed placed in the input, $faces_after in the output"
((faces_after < faces_before)) || fail "the output still shows $faces_after faces"

# --- (d) the Indexed Job's command: shards, --skip-existing, --audit ------------------------------
# What each pod of deploy/kubernetes/60-batch-job.yaml runs, as 3 containers on one folder.
docker run --rm --network none "$image" anonymize --help >"$work/anonymize-help.txt" 2>&1 || true
if grep -q -- '--shard' "$work/anonymize-help.txt"; then
  say "(d) a batch in 3 shards, as the Indexed Job runs it (--shard I/3 --skip-existing --audit)"
  shards=3
  rm -rf "$work/shard-in" "$work/shard-out" "$work/shard-audit"
  mkdir -p "$work/shard-in/portraits"
  cp "$work"/samples/*.jpg "$FACEGUARD_MODELS/astronaut.png" "$work/shard-in/"
  cp "$FACEGUARD_MODELS"/portraits/* "$work/shard-in/portraits/"
  chmod -R a+rX "$work/shard-in"
  fresh_output shard-out
  fresh_output shard-audit
  inputs="$(find "$work/shard-in" -type f | wc -l)"
  shard_run() { # index; prints the summary line ("faceguard: shard I/N took ...")
    docker run --rm --network none "${hardened[@]}" -v "$work/shard-in:/in:ro" \
      -v "$work/shard-out:/out" -v "$work/shard-audit:/audit" "$image" /in --output=/out \
      --shard="$1/$shards" --skip-existing --audit="/audit/shard-$1.jsonl" >/dev/null \
      2>"$work/shard-$1.log" || { cat "$work/shard-$1.log" >&2; fail "shard $1"; }
    grep -m1 ' took ' "$work/shard-$1.log" || true
  }
  taken=0
  for index in $(seq 0 $((shards - 1))); do
    summary="$(shard_run "$index")"
    say "(d) $summary"
    took="$(sed -n 's/.*took \([0-9][0-9]*\) of.*/\1/p' <<<"$summary")"
    [[ -n "$took" ]] || fail "no shard summary from shard $index: $summary"
    taken=$((taken + took))
  done
  outputs="$(find "$work/shard-out" -type f ! -name '.*' | wc -l)"
  ((taken == inputs && outputs == inputs)) \
    || fail "the $shards shards took $taken files and wrote $outputs, of $inputs"
  (cd "$work/shard-in" && find . -type f | sort) >"$work/shard-inputs.txt"
  (cd "$work/shard-out" && find . -type f ! -name '.*' | sort) >"$work/shard-outputs.txt"
  cmp -s "$work/shard-inputs.txt" "$work/shard-outputs.txt" || fail "outputs are not the inputs' tree"
  before="$(find "$work/shard-out" -type f -printf '%p %T@\n' | sort)"
  again="$(shard_run 1)"
  [[ "$(find "$work/shard-out" -type f -printf '%p %T@\n' | sort)" == "$before" ]] \
    || fail "shard 1 run again rewrote outputs"
  cat "$work"/shard-audit/shard-*.jsonl >"$work/shard-audit/all.jsonl"
  audit_lines="$(wc -l <"$work/shard-audit/all.jsonl")"
  verify="$(docker run --rm --network none "${hardened[@]}" -v "$work/shard-in:/in:ro" \
    -v "$work/shard-out:/out:ro" -v "$work/shard-audit:/audit:ro" "$image" \
    verify --audit /audit/all.jsonl --check-inputs /out 2>&1)" || { echo "$verify" >&2; fail "faceguard verify"; }
  ok_lines="$(grep -c '^OK' <<<"$verify" || true)"
  ((ok_lines == inputs)) || { echo "$verify" >&2; fail "verify found $ok_lines of $inputs OK"; }
  say "(d) ok: $inputs files, each in exactly one shard, the tree mirrored; shard 1 again: $again"
  say "(d) ok: $audit_lines audit lines; faceguard verify --check-inputs: $ok_lines OK"
else
  say "(d) skipped: this image's faceguard has no --shard"
fi

# --- (b) the server ------------------------------------------------------------------------------
port="${DOCKER_TEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
server=faceguard-test-server
start_server() { # network, then serve arguments
  local network="$1"
  shift
  track "$server"
  # No tmpfs on /tmp either: the server writes nowhere (the pods mount one all the same).
  docker run -d --name "$server" --network "$network" "${hardened[@]}" "$image" serve "$@" >/dev/null
}
wait_healthy() { # url; prints seconds from $1's start
  for _ in $(seq 1 3000); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.01
  done
  docker logs "$server" >&2 || true
  fail "no 200 from $1"
}
say "(b) server with --network host on 127.0.0.1:$port"
starts=()
for _ in 1 2 3; do
  t0="$(now)"
  start_server host --host 127.0.0.1 --port "$port"
  wait_healthy "http://127.0.0.1:$port/healthz"
  starts+=("$(elapsed "$t0" "$(now)")")
  if ((${#starts[@]} < 3)); then docker rm -f "$server" >/dev/null; fi
done
start_median="$(printf '%s\n' "${starts[@]}" | median)"
page="$(curl -fsS "http://127.0.0.1:$port/")" || fail "GET /"
grep -qi '<html' <<<"$page" || fail "GET / is not the web page"
post() { # url photo -> prints the X-Faces header, fails unless 200 with a JPEG body
  local headers
  headers="$(curl -fsS -o "$work/served.jpg" -D - -H 'Content-Type: image/jpeg' \
    --data-binary @"$2" "$1/api/v1/anonymize")" || fail "POST $1/api/v1/anonymize"
  cmp -s "$2" "$work/served.jpg" && fail "the server returned the photo unchanged"
  tr -d '\r' <<<"$headers" | awk -F': ' 'tolower($1)=="x-faces"{print $2}'
}
served_faces="$(post "http://127.0.0.1:$port" "$photos/group.jpg")"
# A few more requests, two at a time, then the server's peak resident memory.
for _ in 1 2 3 4; do
  post "http://127.0.0.1:$port" "$photos/group.jpg" >/dev/null &
  post "http://127.0.0.1:$port" "$photos/group.jpg" >/dev/null
  wait
done
server_pid="$(docker inspect -f '{{.State.Pid}}' "$server")"
peak_rss_kb="$(awk '/VmHWM/{print $2}' "/proc/$server_pid/status")"
rss_kb="$(awk '/VmRSS/{print $2}' "/proc/$server_pid/status")"
docker_mem="$(docker stats --no-stream --format '{{.MemUsage}}' "$server")"
say "(b) ok: /healthz, / and POST /api/v1/anonymize (X-Faces: $served_faces) on the host's loopback"

if ((bench)); then
  command -v wrk >/dev/null || { say "installing wrk"; apt_install wrk; }
  seconds="${BENCH_SECONDS:-60}"
  cat >"$work/post.lua" <<LUA
local file = io.open("$photos/group.jpg", "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "image/jpeg"
LUA
  say "(bench) 2 clients posting the 1920x1080 group photo for ${seconds} s"
  cpu_before="$(awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$server_pid/stat")"
  machine_before="$(machine_cpu)"
  wall_before="$(now)"
  wrk -t 2 -c 2 -d "${seconds}s" --timeout 120s --latency -s "$work/post.lua" \
    "http://127.0.0.1:$port/api/v1/anonymize" >"$work/wrk.txt"
  cpu_after="$(awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$server_pid/stat")"
  wall="$(elapsed "$wall_before" "$(now)")"
  server_busy="$(awk -v c0="$cpu_before" -v c1="$cpu_after" -v w="$wall" 'BEGIN{printf "%.2f", (c1 - c0) / w}')"
  # Cores busy with anything else meanwhile (wrk, and any neighbour's builds or tests).
  others_busy="$(awk -v m0="$machine_before" -v m1="$(machine_cpu)" -v c0="$cpu_before" -v c1="$cpu_after" \
    -v w="$wall" 'BEGIN{printf "%.2f", ((m1 - m0) - (c1 - c0)) / w}')"
  server_rps="$(awk '/Requests\/sec/{print $2}' "$work/wrk.txt")"
  server_p50="$(awk '$1=="50%"{print $2}' "$work/wrk.txt")"
  server_p99="$(awk '$1=="99%"{print $2}' "$work/wrk.txt")"
  server_errors="$(awk '/Non-2xx/{print $NF}' "$work/wrk.txt")"
  server_requests="$(awk '/requests in/{print $1}' "$work/wrk.txt")"
  peak_rss_kb="$(awk '/VmHWM/{print $2}' "/proc/$server_pid/status")"
fi
docker rm -f "$server" >/dev/null

say "(b) server with --network none: the container's own loopback, reached through its namespace"
start_server none --host 127.0.0.1 --port 8080
netns_pid="$(docker inspect -f '{{.State.Pid}}' "$server")"
in_netns() { nsenter --target "$netns_pid" --net "$@"; }
for _ in $(seq 1 3000); do
  in_netns curl -fsS -o /dev/null http://127.0.0.1:8080/healthz 2>/dev/null && break
  sleep 0.01
done
in_netns curl -fsS http://127.0.0.1:8080/healthz >/dev/null || fail "/healthz in --network none"
interfaces="$(in_netns ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')"
[[ "$interfaces" == "lo " ]] || fail "the container has interfaces besides lo: $interfaces"
in_netns ip route get 1.1.1.1 >/dev/null 2>&1 && fail "the container has a route out"
say "(b) ok: /healthz 200 with only 'lo' and no route out"
# The server is PID 1 in its container: SIGTERM (docker stop, a pod's deletion) must end it
# itself, since the kernel gives PID 1 no default action; docker stop waits 10 s, then kills.
t0="$(now)"
docker stop -t 10 "$server" >/dev/null
stop_seconds="$(elapsed "$t0" "$(now)")"
stop_code="$(docker inspect -f '{{.State.ExitCode}}' "$server")"
docker rm -f "$server" >/dev/null

# --- (c) the same photo inside and outside -------------------------------------------------------
say "(c) anonymizing the group photo 3 times outside, in a running container, and by docker run"
timing=faceguard-test-timing
track "$timing"
fresh_output timing
docker run -d --name "$timing" --network none "${hardened[@]}" -v "$photos:/in:ro" \
  -v "$work/timing:/out" --entrypoint /bin/sleep "$image" infinity >/dev/null
outside_times=() inside_times=() run_times=()
for run in 1 2 3; do # interleaved, so that a neighbour's load weighs on all three alike
  t0="$(now)"
  "$outside" "$photos/group.jpg" -o "$work/timing/outside-$run" >/dev/null 2>>"$work/timing.log"
  outside_times+=("$(elapsed "$t0" "$(now)")")
  inside_times+=("$(docker exec "$timing" bash -c \
    "s=\$(date +%s%N); /opt/faceguard/bin/faceguard /in/group.jpg -o /out/inside-$run >/dev/null 2>&1; \
     e=\$(date +%s%N); echo \$(( (e - s) / 1000000 ))" | awk '{printf "%.3f", $1 / 1000}')")
  t0="$(now)"
  docker run --rm --network none "${hardened[@]}" -v "$photos:/in:ro" -v "$work/timing:/out" \
    "$image" /in/group.jpg -o "/out/run-$run" >/dev/null 2>>"$work/timing.log"
  run_times+=("$(elapsed "$t0" "$(now)")")
done
identical=yes
for run in 1 2 3; do
  for where in inside run; do
    cmp -s "$work/timing/outside-$run/group.jpg" "$work/timing/$where-$run/group.jpg" || identical=no
  done
done
outside_median="$(printf '%s\n' "${outside_times[@]}" | median)"
inside_median="$(printf '%s\n' "${inside_times[@]}" | median)"
run_median="$(printf '%s\n' "${run_times[@]}" | median)"
docker rm -f "$timing" >/dev/null

if ((bench)); then
  say "(bench) a batch: the 2 group photos and 7 portraits, 3 copies each, --jobs 1 and 2"
  batch="$work/batch"
  rm -rf "$batch"
  mkdir -p "$batch"
  for copy in 1 2 3; do
    for source in "$work"/samples/*.jpg "$FACEGUARD_MODELS"/portraits/* "$FACEGUARD_MODELS"/astronaut.png; do
      cp "$source" "$batch/$copy-$(basename "$source")"
    done
  done
  chmod -R a+rX "$batch"
  batch_count="$(find "$batch" -type f | wc -l)"
  batch_lines=()
  # One running container, so that its control group's processor time is the batch's alone.
  track faceguard-test-batch
  fresh_output batch-out
  docker run -d --name faceguard-test-batch --network none "${hardened[@]}" -v "$batch:/in:ro" \
    -v "$work/batch-out:/out" --entrypoint /bin/sleep "$image" infinity >/dev/null
  # --threads 1 is in the list because its processor time is the work itself: with 2 threads on
  # a busy machine, a thread pool's workers spin while they wait for a descheduled peer, and that
  # spinning counts as processor time too. So photos per core-second at --threads 1 is the
  # figure that survives a neighbour's load (docs/deploy.md derives a pod's throughput from it).
  for setting in "1" "2" "1 --threads 1"; do
    jobs="$setting"
    machine_before="$(machine_cpu)"
    container_before="$(container_cpu faceguard-test-batch)"
    t0="$(now)"
    # shellcheck disable=SC2086 # $setting is options
    docker exec faceguard-test-batch /opt/faceguard/bin/faceguard --jobs $setting /in \
      -o "/out/jobs-${setting// /}" >/dev/null 2>>"$work/batch.log"
    wall="$(elapsed "$t0" "$(now)")"
    used="$(awk -v c0="$container_before" -v c1="$(container_cpu faceguard-test-batch)" 'BEGIN{print c1 - c0}')"
    others="$(awk -v m0="$machine_before" -v m1="$(machine_cpu)" -v u="$used" -v w="$wall" \
      'BEGIN{printf "%.2f", (m1 - m0 - u) / w}')"
    written="$(find "$work/batch-out/jobs-${setting// /}" -type f | wc -l)"
    ((written == batch_count)) || fail "batch --jobs $jobs wrote $written of $batch_count"
    batch_lines+=("$(awk -v j="$jobs" -v n="$batch_count" -v w="$wall" -v u="$used" -v o="$others" 'BEGIN{
      printf "  --jobs %s: %d photos in %.1f s = %.2f photos/s; batch cpu/wall %.2f, %.2f photos per core-second; other processes %.2f cores", j, n, w, n / w, u / w, n / u, o}')")
  done
  # The 1920x1080 group photo the server was loaded with, on one thread: its work per photo.
  single_cpu=()
  for run in 1 2 3; do
    container_before="$(container_cpu faceguard-test-batch)"
    docker exec faceguard-test-batch /opt/faceguard/bin/faceguard --threads 1 /in/1-group-1920x1080.jpg \
      -o "/out/single-$run" >/dev/null 2>>"$work/batch.log"
    single_cpu+=("$(awk -v c0="$container_before" -v c1="$(container_cpu faceguard-test-batch)" 'BEGIN{printf "%.3f", c1 - c0}')")
  done
  single_median="$(printf '%s\n' "${single_cpu[@]}" | median)"
  docker rm -f faceguard-test-batch >/dev/null
fi

# --- the figures ---------------------------------------------------------------------------------
mib() { awk -v b="$1" 'BEGIN{printf "%.0f MiB", b / 1048576}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }
echo
echo "== FaceGuard container figures ($(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "image $image: $(mib "$image_bytes") ($(mib "$compressed_bytes") as a gzip'd docker save), of which the runtime base $RUNTIME_IMAGE $(mib "$runtime_bytes")"
echo "server: docker run to first /healthz 200: median ${start_median} s (runs: ${starts[*]})"
echo "server: docker stop (SIGTERM) took ${stop_seconds} s, exit code ${stop_code} (10 s and 137 would mean SIGTERM is ignored and it was killed)"
echo "server: peak RSS (VmHWM) $((peak_rss_kb / 1024)) MiB after ${server_requests:-9} requests of the 1920x1080 photo (RSS now $((rss_kb / 1024)) MiB; docker stats: $docker_mem)"
echo "anonymize group-1920x1080.jpg (default options: balanced, int8, all cores), median of 3:"
echo "  outside (same binary, host):       ${outside_median} s (runs: ${outside_times[*]})"
echo "  inside a running container (exec): ${inside_median} s (runs: ${inside_times[*]}) = $(ratio "$inside_median" "$outside_median") x outside"
echo "  docker run --rm, start to exit:    ${run_median} s (runs: ${run_times[*]}) = $(ratio "$run_median" "$outside_median") x outside"
echo "  outputs byte-identical inside and outside: $identical"
if ((bench)); then
  echo "server, 2 clients for ${seconds} s: ${server_rps} photos/s, p50 ${server_p50}, p99 ${server_p99}, ${server_requests} requests, ${server_errors:-0} non-2xx, server cpu/wall ${server_busy} ($(awk -v r="$server_rps" -v b="$server_busy" 'BEGIN{printf "%.2f", r / b}') photos per core-second), other processes' cores meanwhile ${others_busy}"
  echo "batch of $batch_count photos in one running container (docker exec):"
  printf '%s\n' "${batch_lines[@]}"
  echo "group-1920x1080.jpg with --threads 1: median ${single_median} core-seconds per photo (runs: ${single_cpu[*]}) = $(awk -v c="$single_median" 'BEGIN{printf "%.2f", 1 / c}') photos per core-second"
fi
echo "docker-test: all checks passed"
