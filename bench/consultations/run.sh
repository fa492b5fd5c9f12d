#!/usr/bin/env bash
# Consultation benchmark (issue 18) on the generated tenant, whose
# consultation has a 60-section document with 3,000 comments and 500
# amendments (a tenth of each on its first section): wrk at 64 connections
# on a section page signed out (the busiest one, every amendment shown as a
# word-level difference), the document page signed out, the API section;
# the synthesis report's render time (curl, as the official who previews
# it, median of 20); and the word-level difference of a 5,000-word section.
#
#   bench/consultations/run.sh [DURATION_SECONDS] [sqlite|postgres|both]
#
# Budgets (issue 18): section page ≥ 5,000 req/s signed out on SQLite;
# synthesis report ≤ 200 ms; difference of a 5,000-word section ≤ 5 ms.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
duration_and_backends "$@"
c=64

# The median of 20 sequential renders of the report, in ms.
report_ms() {
  local i
  for i in $(seq 20); do
    curl -fsS -o /dev/null -w '%{time_total}\n' -H "Cookie: civic_session=$OFFICIAL_SESSION" \
      "$url/$TENANT/consultations/$CONSULTATION/report"
  done | sort -n | sed -n 10p | awk '{printf "%.1f", $1 * 1000}'
}

build
echo "command: bench/consultations/run.sh $*"
machine
(cd "$root" && cargo run --release -q -p civic-core --example word_diff)
for backend in $backends; do
  begin_backend "$backend" "wrk -t$threads -c$c -d${duration}s"
  table_head
  measure '`/healthz` (static)' $c "$duration" /healthz
  measure 'section page (300 comments, 50 amendments), signed out' $c "$duration" "/$TENANT/sections/$BUSIEST_SECTION"
  measure 'document page (60 sections), signed out' $c "$duration" "/$TENANT/consultations/$CONSULTATION"
  measure 'API section with its comments and amendments' $c "$duration" "/api/v1/$TENANT/sections/$BUSIEST_SECTION"
  echo
  echo "synthesis report (60 sections, 500 amendments), median of 20 renders: $(report_ms) ms"
  echo "server RSS after the runs: $(rss_kib) KiB"
  stop_server
done
