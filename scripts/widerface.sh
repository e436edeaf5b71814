#!/usr/bin/env bash
# Scores FaceGuard's detector on the WIDER FACE dev split with the shared scorer.
# Usage: scripts/widerface.sh [THRESHOLD] [extra `faceguard detect` options...]
# Detection runs once at threshold 0.05 (for AP); recall, protected rate and false positives are
# reported at THRESHOLD (default: FaceGuard's default) with FaceGuard's default mask scale 1.3,
# followed by the protected rate and false positives at neighbouring thresholds (the trade-off a
# user makes with --threshold), all from the same detections.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${WIDERFACE_DIR:-$root/../shared/data/widerface-dev}"
scorer="${WIDERFACE_SCORER:-$root/../shared/eval/widerface_eval.py}"
if [[ ! -f "$data/gt.json" ]]; then
  echo "widerface: no dev split at $data (set WIDERFACE_DIR); nothing to score" >&2
  exit 1
fi
threshold="${1:-0.3}"
shift || true
out="${WIDERFACE_OUT:-$root/.build/widerface}"
mkdir -p "$out"
start=$(date +%s.%N)
"$root/.build/release/faceguard" detect --threshold 0.05 --json-out "$out/predictions.json" "$@" "$data/images"
end=$(date +%s.%N)
count=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['images']))" "$out/predictions.json")
python3 -c "import sys; print(f'widerface: {sys.argv[3]} images, {1000*(float(sys.argv[2])-float(sys.argv[1]))/int(sys.argv[3]):.0f} ms per image end to end (decode + detect)')" "$start" "$end" "$count"
python3 "$scorer" --gt "$data/gt.json" --pred "$out/predictions.json" --threshold "$threshold" \
  --mask-scale 1.3 --json "$out/scores.json"
echo "operating points (same detections, masks scaled x1.3): protected by face height, false positives per image"
printf '%9s %7s %7s %7s %7s %7s %9s\n' threshold '<16' 16-32 32-64 64-128 '>=128' 'FP/image'
for point in 0.15 0.2 0.25 0.3 0.35 0.4 0.5; do
  if [[ "$point" == "$threshold" ]]; then
    cp "$out/scores.json" "$out/scores-$point.json"
  else
    python3 "$scorer" --gt "$data/gt.json" --pred "$out/predictions.json" --threshold "$point" \
      --mask-scale 1.3 --json "$out/scores-$point.json" > /dev/null
  fi
  python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
cells = ' '.join(f'{b[\"protected\"]:7.3f}' for b in s['buckets'])
print(f'{float(sys.argv[2]):9.2f} {cells} {s[\"false_positives_per_image\"]:9.2f}')" "$out/scores-$point.json" "$point"
done
