#!/usr/bin/env bash
# Ideas benchmark (issue 5) on the generated tenant (10,000 ideas, 100,000
# comments, 1,000,000 supports): wrk at 64 connections on the static route,
# the idea list signed out and in, a deep page through the keyset cursor, the
# idea with 500 comments, search, the API list and support writes (each a new
# row), on SQLite and then on PostgreSQL.
#
#   bench/ideas/run.sh [DURATION_SECONDS] [sqlite|postgres|both]
#
# Budgets (DESIGN §7): list ≥ 10,000 req/s signed out, ≥ 5,000 signed in,
# p99 ≤ 25 ms on SQLite; support writes ≥ 2,000/s.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
duration_and_backends "$@"
c=64

build
echo "command: bench/ideas/run.sh $*"
machine
for backend in $backends; do
  begin_backend "$backend" "wrk -t$threads -c$c -d${duration}s"
  table_head
  measure '`/healthz` (static)' $c "$duration" /healthz
  measure 'idea list, signed out' $c "$duration" "/$TENANT/spaces/$SPACE"
  measure 'idea list, signed in' $c "$duration" "/$TENANT/spaces/$SPACE" signed_in.lua
  measure 'deep page (keyset cursor, newest, idea 5,000)' $c "$duration" "/$TENANT/spaces/$SPACE?sort=newest&cursor=$DEEP_CURSOR"
  measure "idea with 500 comments" $c "$duration" "/$TENANT/ideas/$THREAD_IDEA"
  measure 'search page (`лавки`)' $c "$duration" "/$TENANT/search?q=%D0%BB%D0%B0%D0%B2%D0%BA%D0%B8"
  measure 'API list' $c "$duration" "/api/v1/$TENANT/spaces/$SPACE/ideas"
  measure 'support writes (PUT, new rows)' $c "$duration" / support.lua
  echo
  echo "server RSS after the runs: $(rss_kib) KiB"
  stop_server
done
