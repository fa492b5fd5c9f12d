#!/usr/bin/env bash
# Where a support's time goes on PostgreSQL (ADR 0003): pgbench, 64 clients,
# on a scratch database with a copy of the `ideas` table and its indexes
# (10,000 ideas), every support on one idea ("hot") or spread over all.
#
#   bench/support-locks/run.sh [DURATION_SECONDS] [POSTGRES_URL]
set -euo pipefail
cd "$(dirname "$0")"
duration="${1:-10}"
url="${2:-postgres://postgres@127.0.0.1:5432/postgres}"
psql -q "$url" -c "DROP DATABASE IF EXISTS supportbench" -c "CREATE DATABASE supportbench"
db="${url%/*}/supportbench"
psql -q "$db" -f schema.sql
echo "command: bench/support-locks/run.sh $*; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| transaction per support | one idea | 10,000 ideas |"
echo "|---|---|---|"
for script in before count_apart count_only_apart no_count chosen; do
  row="| $script |"
  for ideas in 1 10000; do
    sed "s/random(1, 10)/random(1, $ideas)/" "$script.sql" > /tmp/support-locks-run.sql
    tps=$(pgbench -n -c 64 -j 2 -T "$duration" -f /tmp/support-locks-run.sql "$db" 2>&1 | awk '/^tps/ {printf "%.0f/s", $3}')
    row="$row $tps |"
  done
  echo "$row"
done
psql -q "$url" -c "DROP DATABASE supportbench"
