#!/usr/bin/env bash
# /v1/render under load: wrk at 64 connections against `genui serve`, and against nginx (Debian's
# nginx-light) serving the same HTML bytes as a static file, the ceiling that gives the ratio.
# Usage: Benchmarks/http_render.sh [TREE.json] [SECONDS]    (needs wrk and nginx: apt install wrk nginx-light)
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:-Examples/$(ls Examples | grep '\.json$' | head -1)}
seconds=${2:-20}
genui=${GENUI:-.build/release/genui}
[ -x "$genui" ] || { echo "build first: make build" >&2; exit 2; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (apt install wrk nginx-light)" >&2; exit 2; }
work=$(mktemp -d)
cleanup() { [ -n "${gpid:-}" ] && kill "$gpid" 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$genui" serve --port 18080 >"$work/serve.out" 2>"$work/serve.err" &
gpid=$!
for _ in $(seq 100); do grep -q serving "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
curl -sf -X POST --data-binary @"$tree" http://127.0.0.1:18080/v1/render -o "$work/page.html"
mkdir -p "$work/www" && cp "$work/page.html" "$work/www/page.html" && chmod -R a+rX "$work"  # nginx workers run as www-data
cat >"$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:18081; root $work/www; location / { default_type text/html; } }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.3
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
local f = io.open("$tree", "rb"); wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "application/json"
LUA
run() { wrk -t2 -c64 -d"${seconds}s" --latency "$@" 2>&1; }
echo "== genui POST /v1/render ($(wc -c <"$tree") byte tree → $(wc -c <"$work/page.html") byte page), ${seconds}s, 64 connections"
g=$(run -s "$work/post.lua" http://127.0.0.1:18080/v1/render); echo "$g"
echo "== nginx GET of the same page"
n=$(run http://127.0.0.1:18081/page.html); echo "$n"
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {print $2}'; }
errors() { echo "$1" | awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0} END {if (!NR) print ""}' | sed 's/; $//'; }
echo
echo "| server | requests/s | p99 | errors |"
echo "| --- | ---: | ---: | --- |"
e=$(errors "$g"); echo "| genui /v1/render | $(rps "$g") | $(p99 "$g") | ${e:-0} |"
e=$(errors "$n"); echo "| nginx static | $(rps "$n") | $(p99 "$n") | ${e:-0} |"
awk -v a="$(rps "$g")" -v b="$(rps "$n")" 'BEGIN { printf "genui / nginx throughput: %.3f\n", a / b }'
