#!/usr/bin/env bash
# Screenshot a page of a running portal with headless Chromium: scripts/screenshot.sh URL OUT.png [WIDTH]
set -euo pipefail
url=$1; out=$2; width=${3:-1280}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,2200" --screenshot="$out" "$url" >/dev/null 2>&1
echo "$out"
