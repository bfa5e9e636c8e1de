#!/usr/bin/env bash
# Installs everything GenUI needs on a fresh Debian 12 machine and caches it, so the second run
# does no network work at all. Stages:
#   scripts/bootstrap.sh test    the serve stage + test vocabularies (what `make test` needs)
#   scripts/bootstrap.sh build   apt packages + llama.cpp (what `swift build` needs)
#   scripts/bootstrap.sh serve   the build stage + the default model
# Environment: GENUI_CACHE (default ~/.cache/genui) holds downloads and built artifacts.
set -euo pipefail
stage=${1:-test}
here=$(cd "$(dirname "$0")" && pwd)
export GENUI_CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
mkdir -p "$GENUI_CACHE"

say() { printf '\033[1m[genui setup]\033[0m %s\n' "$*" >&2; }

# --- apt packages -----------------------------------------------------------------------------
# pkg-config + the two C libraries the Swift targets link; chromium for browser tests and gallery
# screenshots; fonts so text renders in screenshots; python3 for the browser probe and peer scripts.
apt_packages=(pkg-config g++ libcmark-dev libmicrohttpd-dev libsqlite3-dev sqlite3 python3 python3-venv python3-pip)
if [ "$stage" = test ] || [ "$stage" = serve ]; then
    apt_packages+=(chromium fonts-dejavu-core)
fi
missing=()
for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    say "error: the Swift toolchain (6.x) is not on PATH; install it from swift.org and re-run."
    exit 1
fi

# --- llama.cpp (static, CPU) and the default model ---------------------------------------------
# Every stage links llama.cpp; serve and test also need the default model (sha256-checked).
"$here/build-llama.sh"
if [ "$stage" = test ] || [ "$stage" = serve ]; then
    "$here/fetch-model.sh" default >/dev/null
fi

# --- demo datasets (vega-datasets from PyPI): ./datasets for the server, the cache for the tests ---
if [ "$stage" = serve ]; then
    "$here/fetch-datasets.sh" "$here/../datasets"
fi

# --- tokenizer vocabularies for the tests -----------------------------------------------------
if [ "$stage" = test ]; then
    "$here/fetch-vocabs.sh"
    "$here/fetch-datasets.sh" "$GENUI_CACHE/datasets/vega-datasets-0.9.0"
    "$here/setup-test-venv.sh" >/dev/null
fi
say "ready (cache: $GENUI_CACHE)"
