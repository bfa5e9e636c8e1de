#!/usr/bin/env bash
# Screenshots of every example golden with headless Chromium, for looking at charts by eye.
#   scripts/screenshot-gallery.sh [OUT_DIR]     (default out/screenshots; PNG per example, 1280 px wide)
# Light theme by default; GENUI_DARK=1 emulates prefers-color-scheme: dark.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/out/screenshots}
mkdir -p "$out"
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "error: chromium is not installed (apt-get install chromium)" >&2; exit 1; }
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400)
[ "${GENUI_DARK:-0}" = 1 ] && flags+=(--force-dark-mode --blink-settings=preferredColorScheme=0)
for html in "$here"/Examples/*.html; do
    name=$(basename "$html" .html)
    timeout 60 "$chromium" "${flags[@]}" --screenshot="$out/$name.png" "file://$html" >/dev/null 2>&1 \
        || { echo "error: chromium failed on $name" >&2; exit 1; }
    echo "$out/$name.png"
done
