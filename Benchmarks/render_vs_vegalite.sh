#!/usr/bin/env bash
# GenUI's chart renderer against Vega-Lite's own SVG renderer (PyPI vl-convert-python), same data,
# same run. Makes $GENUI_CACHE/venv-vl with the pinned wheel on first use (PyPI only), then runs
# render_vs_vegalite.py, which prints a Markdown table with the ratio.
#   Benchmarks/render_vs_vegalite.sh [--iterations N] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
VENV="$CACHE/venv-vl"
PIN=vl-convert-python==1.9.0.post1
GENUI=${GENUI:-.build/release/genui}

if ! { [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.pins" 2>/dev/null)" = "$PIN" ] \
        && "$VENV/bin/python" -c 'import vl_convert' 2>/dev/null; }; then
    echo "[vl setup] creating $VENV with $PIN" >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary :all: "$PIN"
    echo "$PIN" >"$VENV/.pins"
fi
[ -x "$GENUI" ] || { echo "build genui first: swift build -c release --product genui" >&2; exit 1; }
exec "$VENV/bin/python" Benchmarks/render_vs_vegalite.py --genui "$GENUI" "$@"
