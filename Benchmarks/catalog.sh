#!/usr/bin/env bash
# The component catalog (Schemas/genui.schema.json) at a real vocabulary: compile time, grammar size
# and memory (`genui schema compile`, cold and warm), then mask times over the Examples/ gallery
# (`genui conformance` on a one-file MaskBench directory whose tests are the gallery's trees, all
# valid), against the targets of issue 3: compile ≤ 20 ms, mask p99 ≤ 100 µs.
#
#   Benchmarks/catalog.sh [--repeat N] [--out DIR]
#
# Environment: GENUI_CACHE, TOKENIZER (default the Llama 3 128K tokenizer.json), GENUI (the binary).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
TOKENIZER=${TOKENIZER:-$CACHE/vocab/llama3.tokenizer.json}
GENUI=${GENUI:-$repo/.build/release/genui}
OUT=$repo/out/catalog
REPEAT=20
while [ $# -gt 0 ]; do
    case $1 in
        --repeat) REPEAT=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "catalog: unknown argument $1" >&2; exit 2 ;;
    esac
done
say() { printf '[catalog] %s\n' "$*" >&2; }
[ -f "$TOKENIZER" ] || { say "error: tokenizer $TOKENIZER not found (run scripts/fetch-vocabs.sh)"; exit 1; }
if [ ! -x "$GENUI" ]; then
    say "building genui (release)"
    (cd "$repo" && swift build -c release --product genui >&2)
fi
mkdir -p "$OUT/data"

"$GENUI" schema compile "$repo/Schemas/genui.schema.json" --tokenizer "$TOKENIZER" --repeat "$REPEAT" --json > "$OUT/compile.json"

python3 - "$repo" "$OUT/data/catalog.json" <<'PY'
import glob, json, os, sys
repo, dest = sys.argv[1:3]
schema = json.load(open(os.path.join(repo, "Schemas/genui.schema.json")))
tests = [{"valid": True, "data": json.load(open(p))} for p in sorted(glob.glob(os.path.join(repo, "Examples/*.json")))]
json.dump({"schema": schema, "tests": tests}, open(dest, "w"))
PY
"$GENUI" conformance "$OUT/data" --tokenizer "$TOKENIZER" --json > "$OUT/masks.json.part" 2> "$OUT/masks.log"
tail -n 1 "$OUT/masks.json.part" > "$OUT/masks.json" && rm "$OUT/masks.json.part"

python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
c = json.load(open(os.path.join(out, "compile.json")))
m = json.load(open(os.path.join(out, "masks.json")))
def verdict(ok):
    return "meets" if ok else "misses"
print("catalog at %s (%d tokens)" % (c["vocabulary"], c["vocab_size"]))
print("  grammar     %d rules, %d states, %d byte edges, %d call edges; ~%.1f MB estimated, resident set +%.1f MB"
      % (c["rules"], c["states"], c["byte_edges"], c["call_edges"], c["estimated_bytes"] / 1e6, c["rss_delta_bytes"] / 1e6))
print("  compile     cold: schema→grammar %.2f ms + tables %.2f ms + first mask %.2f ms = TTFM %.2f ms"
      % (c["compile_ms"], c["prepare_ms"], c["first_mask_ms"], c["ttfm_ms"]))
if "ttfm_ms_warm_p50" in c:
    print("              warm (median of %d): schema→grammar %.2f ms, TTFM %.2f ms"
          % (c["repeat"] - 1, c["compile_ms_warm_p50"], c["ttfm_ms_warm_p50"]))
line = "  target      compile ≤ 20 ms: cold %s (TTFM %.1f ms)" % (verdict(c["ttfm_ms"] <= 20), c["ttfm_ms"])
if "ttfm_ms_warm_p50" in c:
    line += ", warm %s (TTFM %.1f ms)" % (verdict(c["ttfm_ms_warm_p50"] <= 20), c["ttfm_ms_warm_p50"])
print(line)
trees = len(json.load(open(os.path.join(out, "data", "catalog.json")))["tests"])
print("  gallery     %d/%d trees accepted token by token, %d masks: p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, max %.1f µs, mean %.1f µs"
      % (trees - m["valid_rejected"], trees, m["masks"], m["tbm_us_p50"], m["tbm_us_p90"], m["tbm_us_p99"], m["tbm_us_max"],
         m["tbm_us_mean"]))
print("  target      mask p99 ≤ 100 µs: %s (%.1f µs)" % (verdict(m["tbm_us_p99"] <= 100), m["tbm_us_p99"]))
PY
