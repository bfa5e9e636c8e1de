#!/usr/bin/env bash
# MaskBench side by side: GenUI's structured-output core, llguidance and outlines-core on the same
# schemas, the same tokenizer and the exact same token sequences, with the same method
# (see `genui conformance --help` and Benchmarks/peers/maskbench_peers.py).
#
#   Benchmarks/maskbench.sh [--limit N | --every K] [--timeout-ms N] [--engines "genui llguidance outlines"] [--out DIR]
#
# --every K keeps every K-th file (in name order, from the first) in OUT/data and runs there: outlines-core
# builds a regex index per schema that takes from about a second to minutes at a 128K vocabulary, so
# it is compared on such a sample, where all engines run on the same files.
#
# 1. `genui conformance DIR --tokenizer T --json --dump-tokens OUT/tokens.jsonl` (GenUI's figures, and
#    every test instance serialized in schema key order and tokenized, for the peers);
# 2. Benchmarks/peers/setup.sh (a venv with the pinned peers, once), then each peer over the dump;
# 3. a table of the three JSON summaries with ratios ours/peer (below 1: ours is smaller, i.e. faster
#    for times), printed and written to OUT/table.md.
# Engines run one after another, never concurrently, so they do not compete for cores.
#
# Environment: GENUI_CACHE (default ~/.cache/genui); TOKENIZER (default the Llama 3 128K tokenizer.json
# fetched by scripts/fetch-vocabs.sh: $GENUI_CACHE/vocab/llama3.tokenizer.json); MASKBENCH_DIR (default
# ../shared/maskbench/data next to the repository or the worktree root); GENUI (the binary, default
# .build/release/genui, built when absent).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
TOKENIZER=${TOKENIZER:-$CACHE/vocab/llama3.tokenizer.json}
GENUI=${GENUI:-$repo/.build/release/genui}
OUT=$repo/out/maskbench
LIMIT=""
EVERY=""
TIMEOUT_MS=20000
ENGINES="genui llguidance outlines"

while [ $# -gt 0 ]; do
    case $1 in
        --limit) LIMIT=$2; shift 2 ;;
        --every) EVERY=$2; shift 2 ;;
        --timeout-ms) TIMEOUT_MS=$2; shift 2 ;;
        --engines) ENGINES=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "maskbench: unknown argument $1" >&2; exit 2 ;;
    esac
done

say() { printf '[maskbench] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

DIR=${MASKBENCH_DIR:-}
if [ -z "$DIR" ]; then
    for d in "$repo/../shared/maskbench/data" "$repo/../../shared/maskbench/data"; do
        [ -d "$d" ] && { DIR=$(cd "$d" && pwd); break; }
    done
fi
[ -n "$DIR" ] && [ -d "$DIR" ] || die "MaskBench data not found; set MASKBENCH_DIR"
[ -f "$TOKENIZER" ] || die "tokenizer $TOKENIZER not found (run scripts/fetch-vocabs.sh)"
mkdir -p "$OUT"
TOKENS=$OUT/tokens.jsonl
if [ -n "$EVERY" ]; then
    rm -rf "$OUT/data"
    mkdir -p "$OUT/data"
    (cd "$DIR" && ls | grep '\.json$' | LC_ALL=C sort | awk -v k="$EVERY" 'NR % k == 1 || k == 1') |
        while read -r f; do ln -s "$DIR/$f" "$OUT/data/$f"; done
    say "sample: every $EVERY-th file of $DIR → $OUT/data"
    DIR=$OUT/data
fi

say "data $DIR ($(ls "$DIR" | grep -c '\.json$') files${LIMIT:+, first $LIMIT}), tokenizer $TOKENIZER"
say "machine: $(nproc) cores, $(uname -sr), $(swift --version 2>/dev/null | head -1)"

# run NAME COMMAND…: runs one engine, its stderr to OUT/NAME.log, its last stdout line to OUT/NAME.json.
run() {
    local name=$1; shift
    local t0=$SECONDS
    say "$name: running (log $OUT/$name.log)"
    "$@" 2> "$OUT/$name.log" | tail -n 1 > "$OUT/$name.json.part" || die "$name failed (see $OUT/$name.log)"
    mv "$OUT/$name.json.part" "$OUT/$name.json"
    say "$name: done in $((SECONDS - t0)) s: $(cat "$OUT/$name.json")"
}

for engine in $ENGINES; do
    case $engine in
        genui)
            if [ ! -x "$GENUI" ]; then
                say "building genui (release)"
                (cd "$repo" && swift build -c release --product genui >&2)
            fi
            run genui "$GENUI" conformance "$DIR" --tokenizer "$TOKENIZER" --json --verbose --timeout-ms "$TIMEOUT_MS" \
                --dump-tokens "$TOKENS" ${LIMIT:+--limit "$LIMIT"}
            ;;
        llguidance|outlines)
            [ -s "$TOKENS" ] || die "no token dump at $TOKENS: run the genui engine first"
            PY=$("$repo/Benchmarks/peers/setup.sh")
            run "$engine" "$PY" "$repo/Benchmarks/peers/maskbench_peers.py" "$DIR" --engine "$engine" \
                --tokenizer "$TOKENIZER" --tokens "$TOKENS" --json --verbose --timeout-ms "$TIMEOUT_MS" ${LIMIT:+--limit "$LIMIT"}
            ;;
        *) die "unknown engine $engine (genui, llguidance, outlines)" ;;
    esac
done

python3 - "$OUT" <<'PY' | tee "$OUT/table.md"
import json, os, sys
out = sys.argv[1]
def load(name):
    p = os.path.join(out, name + ".json")
    return json.load(open(p)) if os.path.exists(p) and os.path.getsize(p) else None
ours = load("genui")
peers = [(label, load(name)) for name, label in (("llguidance", "llguidance 1.9.1"), ("outlines", "outlines-core 0.2.14"))]
peers = [(label, p) for label, p in peers if p]
if not ours:
    sys.exit("no GenUI summary in " + out)
keys = ["schemas", "passing", "compile_error", "valid_rejected", "invalid_accepted", "crash", "timeout",
        "ttfm_ms_p50", "ttfm_ms_p90", "ttfm_ms_p99", "ttfm_ms_max",
        "masks", "tbm_us_mean", "tbm_us_p50", "tbm_us_p90", "tbm_us_p99", "tbm_us_max"]
def fmt(v):
    if isinstance(v, float) and not v.is_integer() or isinstance(v, float) and v < 100:
        return "%.3g" % v if v < 10 else "%.1f" % v
    return "{:,}".format(int(v))
def ratio(a, b):
    if not b:
        return "—"
    r = a / b
    return "%.2f" % r if r == 0 or r >= 0.1 else "%.3f" % r
head = "| metric | GenUI |" + "".join(" %s | ours/peer |" % label for label, _ in peers)
print(head)
print("|" + " --- |" * (2 + 2 * len(peers)))
for k in keys:
    row = "| %s | %s |" % (k, fmt(ours.get(k, 0)))
    for _, p in peers:
        row += " %s | %s |" % (fmt(p.get(k, 0)), ratio(ours.get(k, 0), p.get(k, 0)))
    print(row)
PY
