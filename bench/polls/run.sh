#!/usr/bin/env bash
# Polls benchmark (issue 7) on the generated tenant's 20-question survey with
# 100,000 responses: the results page under wrk, the CSV export of every
# response (time, and the server's peak RSS while it streams), and answer
# submissions from distinct accounts.
#
#   bench/polls/run.sh [DURATION_SECONDS] [sqlite|postgres|both]
#
# Budgets: results p99 ≤ 50 ms; export of 100,000 responses ≤ 5 s. The results
# page is measured at 64 connections, as every page, and at 16.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
duration_and_backends "$@"
c=64

build
echo "command: bench/polls/run.sh $*"
machine
for backend in $backends; do
  begin_backend "$backend" "wrk -t$threads -c$c -d${duration}s"
  table_head
  measure '`/healthz` (static)' $c "$duration" /healthz
  measure 'survey results page' $c "$duration" "/$TENANT/polls/$POLL/results"
  measure 'survey results API' $c "$duration" "/api/v1/$TENANT/polls/$POLL/results"
  # The latency a person meets when fewer read at once.
  measure 'survey results page, 16 connections' 16 "$duration" "/$TENANT/polls/$POLL/results"

  # The export as an official, while the server's RSS is sampled.
  before=$(rss_kib); peak=$before
  curl -s -o "$work/export.csv" -w '%{http_code} %{time_total} %{size_download}\n' \
    -H "Cookie: civic_session=$OFFICIAL_SESSION" "$url/$TENANT/polls/$POLL/export.csv" >"$work/curl" &
  fetch=$!
  while kill -0 "$fetch" 2>/dev/null; do
    now=$(rss_kib); [ "$now" -gt "$peak" ] && peak=$now
    sleep 0.02
  done
  wait "$fetch"
  read -r code secs bytes <"$work/curl"
  rows=$(($(wc -l <"$work/export.csv") - 1))
  echo
  echo "CSV export: HTTP $code, $rows responses, $bytes bytes in ${secs} s; server RSS ${before} KiB before, peak ${peak} KiB during (+$((peak - before)) KiB)"
  echo
  table_head
  static_rps=""
  measure '`/healthz` (static)' $c "$duration" /healthz
  measure 'answer submissions (POST, distinct accounts)' $c "$duration" / respond.lua
  echo
  echo "(each benchmark account answers once: once they have all answered, the rest are 409 and counted as non-2xx)"
  stop_server
done
