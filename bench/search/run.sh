#!/usr/bin/env bash
# Search benchmark (issue 16 item 5) on the generated tenant (10,000 ideas,
# 100,000 comments): the search page as many residents ask it (one popular
# query, a town's various queries, hostile two-letter prefixes, queries
# never asked before), and the idea list alone and during floods: of
# /healthz (the reference), of hostile searches from one address and from
# many, and of never-repeated searches from many.
#
#   bench/search/run.sh [DURATION_SECONDS] [sqlite|postgres|both]
#
# Budget: the search page ≥ 2,000 req/s with p99 ≤ 50 ms, and a flood of
# searches does not slow the idea list.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
duration_and_backends "$@"
c=64
export CIVIC_TRUST_PROXY=true

build
echo "command: bench/search/run.sh $*"
machine
for backend in $backends; do
  begin_backend "$backend" "wrk -t$threads -c$c -d${duration}s"
  table_head
  measure '`/healthz` (static)' $c "$duration" /healthz
  SEARCH_MODE=one measure 'search page, one popular query (`лавки`), many addresses' $c "$duration" / search.lua
  SEARCH_MODE=town measure 'search page, 900 different two-word queries, many addresses' $c "$duration" / search.lua
  SEARCH_MODE=hostile measure 'search page, random two-letter prefixes, many addresses' $c "$duration" / search.lua
  SEARCH_MODE=unique measure 'search page, a new query every time (never kept), many addresses' $c "$duration" / search.lua
  SEARCH_MODE=hostile SEARCH_ONE_ADDRESS=1 measure 'search page, random two-letter prefixes, one address' $c "$duration" / search.lua
  measure 'idea list, signed out, alone' 32 "$duration" "/$TENANT/spaces/$SPACE"
  # A flood takes CPU from the list whatever it asks (wrk and the server
  # share two cores), so the reference is a flood of /healthz, the cheapest
  # answer there is; a search flood should cost the list no more than that.
  floods=""
  for flood in healthz one many unique; do
    one=0; [ "$flood" = one ] && one=1
    mode=hostile; [ "$flood" = unique ] && mode=unique
    target="$url/"; [ "$flood" = healthz ] && target="$url/healthz"
    script=(-s "$lua/search.lua"); [ "$flood" = healthz ] && script=()
    SEARCH_MODE=$mode SEARCH_ONE_ADDRESS=$one wrk -t1 -c32 -d"$((duration + 2))s" "${script[@]}" "$target" >"$work/flood" 2>&1 &
    flooder=$!
    sleep 1
    measure "idea list, signed out, during a flood: $flood" 32 "$duration" "/$TENANT/spaces/$SPACE"
    wait "$flooder" || true
    floods+="- flood $flood: $(awk '/Requests\/sec/ {print $2}' "$work/flood") req/s, non-2xx $(awk '/Non-2xx/ {print $NF}' "$work/flood")"$'\n'
  done
  echo
  printf '%s' "$floods"
  echo "server RSS after the runs: $(rss_kib) KiB"
  stop_server
done
