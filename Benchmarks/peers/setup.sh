#!/usr/bin/env bash
# Creates the Python venv the peer engines run in: $GENUI_CACHE/venv-peers (default
# ~/.cache/genui/venv-peers) with the pinned llguidance and outlines-core wheels from PyPI.
# Idempotent: when the venv already holds exactly these pins (recorded in its .pins file) and both
# modules import, nothing is installed and no network is used. Prints the venv's python path last.
set -euo pipefail

CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
VENV="$CACHE/venv-peers"
PYTHON=${PYTHON:-python3}
# numpy: llguidance.numpy fills bitmasks into numpy arrays (maskbench_peers.py uses it for both engines).
PINS=(llguidance==1.9.1 outlines-core==0.2.14 numpy==2.2.6)

log() { printf '[peers setup] %s\n' "$*" >&2; }

want=$(printf '%s\n' "${PINS[@]}")
if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.pins" 2>/dev/null)" = "$want" ] \
    && "$VENV/bin/python" -c 'import llguidance, llguidance.numpy, outlines_core, numpy' 2>/dev/null; then
    log "ready: $VENV (${PINS[*]})"
    echo "$VENV/bin/python"
    exit 0
fi

log "creating $VENV with ${PINS[*]}"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary :all: "${PINS[@]}"
"$VENV/bin/python" - <<'PY'
import importlib.metadata as m
for name in ("llguidance", "outlines_core", "numpy"):
    __import__(name)
import sys
print("[peers setup] installed: " + ", ".join(f"{n} {m.version(n)}" for n in ("llguidance", "outlines-core", "numpy")), file=sys.stderr)
PY
printf '%s\n' "$want" > "$VENV/.pins"
echo "$VENV/bin/python"
