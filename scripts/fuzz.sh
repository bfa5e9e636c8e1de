#!/usr/bin/env bash
# Runs every libFuzzer target of .build/fuzz/release/genui-fuzz for a bounded time (`make fuzz`
# builds it). Seeds come from Examples/, Schemas/, the demo datasets and, when present,
# ../shared/maskbench. Corpora and crash artifacts go to out/fuzz/TARGET/.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]
# Exit status: 0 when no target found a crash, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json schema matcher render markdown csv)
binary=.build/fuzz/release/genui-fuzz
[ -x "$binary" ] || { echo "build it first: make fuzz" >&2; exit 2; }
cache=${GENUI_CACHE:-$HOME/.cache/genui}

seed() {  # seed TARGET: fill out/fuzz/TARGET/seeds once
    local dir=out/fuzz/$1/seeds
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    case $1 in
        json|render) cp Examples/*.json "$dir"/ ;;
        schema) cp Schemas/components/*.json Schemas/defs/*.json "$dir"/
                if [ -d ../shared/maskbench/data ]; then
                    ls ../shared/maskbench/data | awk 'NR % 100 == 0' | while read -r f; do
                        python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["schema"]))' "../shared/maskbench/data/$f" > "$dir/$f" 2>/dev/null
                    done
                fi ;;
        matcher) for f in Examples/*.json; do python3 -c 'import json,sys; sys.stdout.write(json.dumps(json.load(open(sys.argv[1])), separators=(",", ":"), ensure_ascii=False))' "$f" > "$dir/$(basename "$f")"; done ;;
        markdown) python3 - "$dir" <<'PY'
import glob, json, os, sys
n = 0
def walk(v):
    global n
    if isinstance(v, dict):
        if isinstance(v.get("markdown"), str):
            open(os.path.join(sys.argv[1], "md-%d.md" % n), "w").write(v["markdown"]); n += 1
        for x in v.values(): walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
for f in glob.glob("Examples/*.json"): walk(json.load(open(f)))
open(os.path.join(sys.argv[1], "links.md"), "w").write("[a](javascript:alert(1)) <script>x</script> ![i](http://x/y.png) *b* `c`\n")
PY
        ;;
        csv) cp "$cache"/datasets/vega-datasets-0.9.0/*.csv "$dir"/ 2>/dev/null || printf 'a,b\n1,2\n' > "$dir/tiny.csv" ;;
    esac
}

status=0
printf '| target | seconds | executions | corpus | crashes |\n| --- | --- | --- | --- | --- |\n'
for t in "${targets[@]}"; do
    seed "$t"
    mkdir -p "out/fuzz/$t/corpus"
    log="out/fuzz/$t/run.log"
    # -detect_leaks=0: LeakSanitizer cannot see Swift references stored in multi-payload enums (the
    # pointer's spare bits are set), so the process-wide mask caches read as leaks; memory growth is
    # watched with -rss_limit_mb instead.
    ASAN_OPTIONS=detect_leaks=0 GENUI_FUZZ_TARGET=$t "$binary" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 -max_len=65536 -detect_leaks=0 \
        -artifact_prefix="out/fuzz/$t/" "out/fuzz/$t/corpus" "out/fuzz/$t/seeds" >"$log" 2>&1
    code=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [ -n "$execs" ] || execs=$(grep -Eo '#[0-9]+' "$log" | tail -1 | tr -d '#')
    crashes=$(ls "out/fuzz/$t"/crash-* "out/fuzz/$t"/leak-* "out/fuzz/$t"/timeout-* "out/fuzz/$t"/oom-* 2>/dev/null | wc -l)
    corpus=$(ls "out/fuzz/$t/corpus" | wc -l)
    printf '| %s | %s | %s | %s | %s |\n' "$t" "$seconds" "${execs:-?}" "$corpus" "$crashes"
    if [ "$code" -ne 0 ] || [ "$crashes" -gt 0 ]; then status=1; echo "  $t: see $log" >&2; fi
done
exit $status
