#!/usr/bin/env bash
# Anonymizes the sample portrait fetched by setup and says where the result is.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${FACEGUARD_MODELS:-$root/models}"
mkdir -p "$root/demo"
"$root/.build/release/faceguard" -o "$root/demo" "$models/astronaut.png"
echo "demo: anonymized sample written to $root/demo/astronaut.png (original: $models/astronaut.png)"
