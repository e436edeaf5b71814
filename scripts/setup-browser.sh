#!/usr/bin/env bash
# Installs what scripts/browser_test.py needs: Debian's chromium and chromium-driver, and
# selenium from PyPI (only what is missing). Safe to run again.
set -euo pipefail

missing=()
for package in chromium chromium-driver; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup-browser: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! python3 -c "import selenium" 2>/dev/null; then
  echo "setup-browser: installing selenium"
  python3 -m pip install --quiet --disable-pip-version-check "selenium>=4.10"
fi
