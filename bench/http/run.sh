#!/usr/bin/env bash
# HTTP benchmark of the platform core: the release binary on a fresh SQLite
# database, the tenant home page under wrk at 64 connections, beside the same
# server's /healthz in the same run, plus cold start to first 200.
#
#   bench/http/run.sh [DURATION_SECONDS]
#
# Prints a Markdown table for docs/performance.md. Traffic goes to 127.0.0.1
# only; every run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-20}"
connections=64
threads=2

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
cargo build --release -q -p civicspace
bin="$PWD/target/release/civicspace"

data="$(mktemp -d)"
log="$data/stdout"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }

# Cold start: process start to the first 200 on /healthz, fixed port.
cold_start() { # $1 = data dir, $2 = port
  local start end pid
  start=$(now_ms)
  CIVIC_DATA_DIR="$1" "$bin" serve --listen "127.0.0.1:$2" >/dev/null 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$2/healthz"; do sleep 0.005; done
  end=$(now_ms)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $((end - start))
}
first=$(cold_start "$data/cold" 18931)
again=$(cold_start "$data/cold" 18931)

CIVIC_DATA_DIR="$data/db" "$bin" serve --listen 127.0.0.1:0 >"$log" 2>/dev/null &
server=$!
until grep -q "Civic Space is serving" "$log"; do sleep 0.05; done
url="$(sed -n 's/^Civic Space is serving //p' "$log")"
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")

measure() { # $1 = path
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url$1" >"$data/wrk" 2>&1
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$data/wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$data/wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$data/wrk")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$data/wrk")
  printf '| `%s` | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p')"
echo "date: $(date -u +%F), wrk -t$threads -c$connections -d${duration}s, server and wrk on the same machine"
echo
echo "| route | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
measure /healthz
measure /demo/
measure /demo/ideas/1
measure /api/v1/demo/spaces
rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
echo
echo "cold start to first 200: first start (migrate + demo seed) ${first} ms; second start ${again} ms"
echo "server RSS: ${rss_before} KiB before load, ${rss_after} KiB after"
