#!/usr/bin/env bash
# Participatory-budget benchmark (issue 17) on the generated tenant, whose
# five budgets are voting with 400 projects each: wrk at 64 connections on
# the static route, a budget's page with its 400 projects signed out (and
# signed in, with the ballot form), the API project list, and ballots
# (each request a new voter's first ballot: one row and three marks), on
# SQLite and then on PostgreSQL.
#
#   bench/budgets/run.sh [DURATION_SECONDS] [sqlite|postgres|both]
#
# Budgets (issue 17): the project list of a 400-project budget ≥ 5,000
# req/s signed out; ≥ 1,000 ballots/s on SQLite, each exactly once.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
duration_and_backends "$@"
c=64

# Ballots stored in all the budgets, as the API counts them for staff
# (turnout is not public while voting).
stored_ballots() {
  local total=0 k n
  for ((k = 0; k < BUDGET_COUNT; k++)); do
    n=$(curl -fsS -H "Cookie: civic_session=$OFFICIAL_SESSION" "$url/api/v1/$TENANT/budgets/$((FIRST_BUDGET + k))" | jq .ballot_count)
    total=$((total + n))
  done
  echo "$total"
}

build
echo "command: bench/budgets/run.sh $*"
machine
for backend in $backends; do
  begin_backend "$backend" "wrk -t$threads -c$c -d${duration}s"
  export FIRST_BUDGET BUDGET_COUNT FIRST_BUDGET_PROJECT BUDGET_PROJECTS
  table_head
  measure '`/healthz` (static)' $c "$duration" /healthz
  measure 'budget page, 400 projects, signed out' $c "$duration" "/$TENANT/budgets/$FIRST_BUDGET"
  measure 'budget page, 400 projects, signed in (ballot form)' $c "$duration" "/$TENANT/budgets/$FIRST_BUDGET" signed_in.lua
  measure 'API project list (400)' $c "$duration" "/api/v1/$TENANT/budgets/$FIRST_BUDGET/projects"
  measure 'ballots (POST, new voter each)' $c "$duration" / ballot.lua
  echo
  echo "ballots stored (the budgets' counts): $(stored_ballots)"
  echo "server RSS after the runs: $(rss_kib) KiB"
  stop_server
done
