#!/usr/bin/env bash
# Fetch the demo datasets: vega-datasets==0.9.0 from PyPI (sha256-checked), real public data
# (cars, stocks, Seattle weather, Iowa electricity, US employment, barley, iris), and place them
# in a dataset directory as CSV/JSON files with a NAME.meta.json each (origin and as-of date).
# GenUI imports them when it starts (`genui serve`, `genui datasets list`).
#
#   scripts/fetch-datasets.sh [DIR]     (default: ./datasets)
#
# Idempotent: the wheel is cached in $GENUI_CACHE/pypi, and files already in DIR are kept.
set -euo pipefail

CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
PYPI="$CACHE/pypi"
DIR=${1:-datasets}
PYTHON=${PYTHON:-python3}
WHEEL=vega_datasets-0.9.0-py3-none-any.whl
SHA=3d7c63917be6ca9b154b565f4779a31fedce57b01b5b9d99d8a34a7608062a1d
mkdir -p "$PYPI" "$DIR"

log() { printf '[fetch-datasets] %s\n' "$*" >&2; }

if [ ! -f "$PYPI/$WHEEL" ]; then
    log "download vega-datasets==0.9.0"
    "$PYTHON" -m pip download --quiet --no-deps -d "$PYPI" vega-datasets==0.9.0
fi
got=$(sha256sum "$PYPI/$WHEEL" | cut -d' ' -f1)
if [ "$got" != "$SHA" ]; then
    rm -f "$PYPI/$WHEEL"
    log "error: sha256 mismatch for $WHEEL: expected $SHA, got $got (file removed)"
    exit 1
fi

# member  dataset-file  as-of (the data's own last date where it has one, else the file's date in the wheel)
"$PYTHON" - "$PYPI/$WHEEL" "$DIR" <<'PY'
import json, os, sys, zipfile
wheel, out = sys.argv[1:3]
demo = [
    ("cars.json", "cars.json", "1982-12-31"),
    ("stocks.csv", "stocks.csv", "2010-03-01"),
    ("seattle-weather.csv", "seattle-weather.csv", "2015-12-31"),
    ("iowa-electricity.csv", "iowa-electricity.csv", "2017-12-31"),
    ("us-employment.csv", "us-employment.csv", "2015-12-01"),
    ("barley.json", "barley.json", "1932-12-31"),
    ("iris.json", "iris.json", "1936-12-31"),
]
with zipfile.ZipFile(wheel) as z:
    for member, name, as_of in demo:
        dest = os.path.join(out, name)
        if not os.path.exists(dest):
            with open(dest + ".part", "wb") as f:
                f.write(z.read("vega_datasets/_data/" + member))
            os.replace(dest + ".part", dest)
        stem = os.path.splitext(name)[0]
        with open(os.path.join(out, stem + ".meta.json"), "w") as f:
            json.dump({"origin": "vega-datasets 0.9.0 (PyPI)", "asOf": as_of}, f)
print(f"{len(demo)} datasets in {out}", file=sys.stderr)
PY
