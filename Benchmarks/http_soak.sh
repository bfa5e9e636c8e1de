#!/usr/bin/env bash
# Issue 6, load: wrk against POST /v1/render of `genui serve` for SECONDS (default 60) at CONNECTIONS
# (default 128), sampling the server's resident set every second. Then the leak check: the same
# server under valgrind memcheck (no model: the remote backend, which /v1/render does not use) for
# LEAK_REQUESTS requests of every kind (render, validate, bad JSON, 404, an SSE stream cut short),
# and its "definitely lost" bytes.
# Usage: Benchmarks/http_soak.sh [SECONDS] [CONNECTIONS]     (needs wrk and valgrind: apt install wrk valgrind)
# Environment: GENUI (binary, default .build/release/genui), TREE (default the first example),
# LEAK_REQUESTS (default 300; 0 skips the leak check), OUT (default out/soak).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
connections=${2:-128}
genui=${GENUI:-.build/release/genui}
tree=${TREE:-Examples/$(ls Examples | grep '\.json$' | head -1)}
leak_requests=${LEAK_REQUESTS:-300}
out=${OUT:-out/soak}
[ -x "$genui" ] || { echo "build first: make build" >&2; exit 2; }
command -v wrk >/dev/null || { echo "needs wrk (apt install wrk)" >&2; exit 2; }
mkdir -p "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { for _ in $(seq 600); do grep -q serving "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "server did not start: $(cat "$2")" >&2; exit 1; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

cat >"$out/post.lua" <<LUA
wrk.method = "POST"
local f = io.open("$tree", "rb"); wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "application/json"
LUA

# --- load -------------------------------------------------------------------------------------
"$genui" serve --port 18082 >"$out/serve.out" 2>"$out/serve.err" &
server=$!; pids+=("$server")
wait_for "$out/serve.out" "$out/serve.err"
wrk -t2 -c"$connections" -d5s -s "$out/post.lua" http://127.0.0.1:18082/v1/render >/dev/null 2>&1   # warm-up
base=$(rss_kib "$server")
echo "second,rss_kib" >"$out/rss.csv"
( for s in $(seq "$seconds"); do sleep 1; echo "$s,$(rss_kib "$server")" >>"$out/rss.csv"; done ) &
sampler=$!; pids+=("$sampler")
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$out/post.lua" http://127.0.0.1:18082/v1/render >"$out/wrk.txt" 2>&1
wait "$sampler" 2>/dev/null || true
sleep 2
end=$(rss_kib "$server")
kill "$server"; wait "$server" 2>/dev/null || true
cat "$out/wrk.txt"
max=$(tail -n +2 "$out/rss.csv" | cut -d, -f2 | sort -n | tail -1)
half=$(awk -F, -v h=$((seconds / 2)) 'NR > 1 && $1 == h {print $2}' "$out/rss.csv")
rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$out/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$out/wrk.txt")
total=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' "$out/wrk.txt" | sed 's/; $//')
echo
echo "| seconds | connections | requests | requests/s | p50 | p99 | errors | RSS after warm-up | RSS at half time | RSS max | RSS at end |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
echo "| $seconds | $connections | $total | $rps | $p50 | $p99 | ${errors:-0} | $((base / 1024)) MiB | $((${half:-0} / 1024)) MiB | $((max / 1024)) MiB | $((end / 1024)) MiB |"

# --- leaks ------------------------------------------------------------------------------------
[ "$leak_requests" -gt 0 ] || exit 0
command -v valgrind >/dev/null || { echo "needs valgrind for the leak check (apt install valgrind)" >&2; exit 2; }
valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    --num-callers=30 --log-file="$out/valgrind.txt" \
    "$genui" serve --port 18083 --backend openai --openai-base-url http://127.0.0.1:9/v1 --openai-model none \
    >"$out/vg-serve.out" 2>"$out/vg-serve.err" &
vg=$!; pids+=("$vg")
wait_for "$out/vg-serve.out" "$out/vg-serve.err"
url=http://127.0.0.1:18083
for i in $(seq "$leak_requests"); do
    case $((i % 6)) in
    0) curl -s -o /dev/null -X POST --data-binary @"$tree" "$url/v1/render" ;;
    1) curl -s -o /dev/null -X POST --data-binary @"$tree" "$url/v1/validate" ;;
    2) curl -s -o /dev/null -X POST --data-binary '{"version": 1, "root": [' "$url/v1/render" ;;
    3) curl -s -o /dev/null "$url/no/such/page" ;;
    4) curl -s -o /dev/null --max-time 1 -X POST -H 'Content-Type: application/json' \
           --data '{"question": "sales by region"}' "$url/v1/generate" || true ;;
    5) curl -s -o /dev/null "$url/metrics" ;;
    esac
done
served=$(curl -s "$url/metrics" | awk '/^genui_http_requests_total/ {n += $NF} END {print n + 0}')
kill -INT "$vg"; wait "$vg" 2>/dev/null || true
echo
echo "leak check: $served requests served under valgrind memcheck"
grep -E "definitely lost|indirectly lost|ERROR SUMMARY" "$out/valgrind.txt" | sed 's/^==[0-9]*== *//'
echo "valgrind log: $out/valgrind.txt"
