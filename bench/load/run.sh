#!/usr/bin/env bash
# Load benchmark (issue 8) on the generated tenant: a realistic mix (80 % page
# reads, 15 % API reads, 5 % support writes; bench/lua/mix.lua) at rising
# concurrency until p99 passes 100 ms (the knee), with throughput, p50/p99,
# errors and server RSS per step beside the static route of the same run.
#
#   bench/load/run.sh [--step SECONDS] [--soak [SECONDS]] [sqlite|postgres|both]
#
# --soak: after the ramp, SECONDS (default 600) at half the knee's throughput
# (paced with wrk's delay()), recording RSS growth, error responses, open file
# descriptors and (PostgreSQL) database connections at start and end.
set -euo pipefail
step=10; soak=""; backends="sqlite postgres"
while [ $# -gt 0 ]; do
  case "$1" in
    --step) step="$2"; shift 2 ;;
    --soak) soak=600; if [[ "${2:-}" =~ ^[0-9]+$ ]]; then soak="$2"; shift; fi; shift ;;
    sqlite|postgres) backends="$1"; shift ;;
    both) shift ;;
    *) echo "usage: $0 [--step SECONDS] [--soak [SECONDS]] [sqlite|postgres|both]" >&2; exit 2 ;;
  esac
done
levels="8 16 32 64 128 256"
source "$(dirname "$0")/../lib.sh"

fds() { ls "/proc/$server/fd" | wc -l; }
# Open fds grouped by what they are: sockets, the database's files, other files, pipes.
fd_kinds() {
  find "/proc/$server/fd" -mindepth 1 -maxdepth 1 -printf '%l\n' 2>/dev/null |
    sed -E 's/^socket:.*/socket/; s/^anon_inode:.*/anon_inode/; s/.*\.db-wal$/db-wal/; s/.*\.db-shm$/db-shm/; s/.*\.db$/db/; s/^\/.*/file/; s/^pipe:.*/pipe/' |
    sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}'
}
pg_conns() {
  if [ -n "$pg_db" ]; then psql -Atq "$pg_admin" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$pg_db'"; else echo "n/a"; fi
}

build
echo "command: bench/load/run.sh --step $step${soak:+ --soak $soak} $backends"
machine
for backend in $backends; do
  begin_backend "$backend" "static baseline and the mix, ${step} s per step"
  table_head
  measure '`/healthz` (static, 64 connections)' 64 "$step" /healthz
  echo
  echo "| connections | req/s | p50 | p99 | non-2xx | socket errors | server RSS KiB | ratio to /healthz |"
  echo "|---|---|---|---|---|---|---|---|"
  knee=""; knee_rps=""; offset=0
  for conns in $levels; do
    PAIR_OFFSET=$offset wrk_run "$conns" "$step" / mix.lua
    offset=$((offset + 10000000))
    read -r rps p50 p99 non2xx < <(wrk_figures)
    errors=$(sed -n 's/^  Socket errors: //p' "$work/wrk"); errors="${errors:-none}"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$conns" "$rps" "$p50" "$p99" "$non2xx" "$errors" "$(rss_kib)" "$(ratio "$rps")"
    if awk -v p="$(p99_ms)" 'BEGIN { exit !(p > 100) }'; then break; fi
    knee=$conns; knee_rps=$rps
  done
  echo
  if [ -n "$knee" ]; then
    echo "knee: $knee connections at $knee_rps req/s with p99 ≤ 100 ms"
  else
    echo "knee: p99 was above 100 ms already at the first step"; knee=8; knee_rps=$rps
  fi
  if [ -n "$soak" ]; then
    rate=$(awk -v r="$knee_rps" 'BEGIN { printf "%d", r / 2 }')
    delay=$(awk -v c="$knee" -v r="$rate" 'BEGIN { printf "%d", (r > 0) ? c * 1000 / r : 0 }')
    rss0=$(rss_kib); fd0=$(fds); pg0=$(pg_conns); kinds0=$(fd_kinds)
    # A sample a minute, to tell a plateau (pools filling) from growth.
    ( while sleep 60; do echo "| $(rss_kib) | $(fds) | $(pg_conns) |"; done ) >"$work/samples" 2>/dev/null &
    sampler=$!
    PAIR_OFFSET=$offset DELAY_MS=$delay wrk_run "$knee" "$soak" / mix.lua
    kill "$sampler" 2>/dev/null || true
    read -r rps p50 p99 non2xx < <(wrk_figures)
    rss1=$(rss_kib); fd1=$(fds); pg1=$(pg_conns); kinds1=$(fd_kinds)
    errors=$(sed -n 's/^  Socket errors: //p' "$work/wrk")
    echo
    echo "soak: ${soak} s at a target of $rate req/s ($knee connections, ${delay} ms pause per request)"
    echo
    echo "| | start | end |"
    echo "|---|---|---|"
    echo "| server RSS KiB | $rss0 | $rss1 (+$((rss1 - rss0))) |"
    echo "| open fds | $fd0 | $fd1 |"
    echo "| database connections (pg_stat_activity) | $pg0 | $pg1 |"
    echo "| fds by kind | $kinds0 | $kinds1 |"
    echo
    echo "each minute of the soak:"
    echo
    echo "| server RSS KiB | open fds | database connections |"
    echo "|---|---|---|"
    cat "$work/samples"
    echo
    echo "soak traffic: $rps req/s, p50 $p50, p99 $p99, non-2xx $non2xx, socket errors ${errors:-none}"
  fi
  stop_server
done
