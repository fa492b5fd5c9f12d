#!/usr/bin/env bash
# Opinion-groups benchmark: generates planted-group conversations with
# gen_votes.py (fixed seeds), then for each one measures a cold analysis
# (read CSV + analyse + write JSON, one process, wall time and peak RSS from
# /usr/bin/time -v), checks groups (ARI) and planted consensus, and times an
# incremental update of 1,000 votes. Figures go to docs/insight/performance.md.
#
# Usage: bench/insight/run.sh [--huge]
#   --huge  also runs 1,000,000 participants (an 800 MB CSV, ~4 min to make)
# Env:    INSIGHT_BENCH_DATA (default /tmp/civic-insight-bench), CARGO_TARGET_DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
crate=$(cd "$here/../../crates/civic-insight" && pwd)
data=${INSIGHT_BENCH_DATA:-/tmp/civic-insight-bench}
target=${CARGO_TARGET_DIR:-$(cd "$here/../.." && pwd)/target}
huge=false
[ "${1:-}" = "--huge" ] && huge=true

python3 -c 'import numpy' 2>/dev/null || { echo "numpy is missing: pip install numpy" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }

(cd "$crate" && CARGO_TARGET_DIR="$target" cargo build --release --example opinion_bench --quiet)
bin="$target/release/examples/opinion_bench"
mkdir -p "$data"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%Y-%m-%dT%H:%MZ)"

# name participants comments votes groups seed min_ari
shapes="small 2000 600 225000 3 1 0.95
large 33422 783 2000000 4 2 0.80
p100k 100000 783 6000000 4 3 0.80"
$huge && shapes="$shapes
p1m 1000000 783 60000000 4 4 0.80"

status=0
while read -r name participants comments votes groups seed min_ari; do
    csv="$data/$name.csv"
    if [ ! -f "$csv.groups.csv" ]; then
        python3 "$here/gen_votes.py" --participants "$participants" --comments "$comments" \
            --votes "$votes" --groups "$groups" --seed "$seed" --out "$csv"
    fi
    python3 "$here/planted.py" --participants "$participants" --comments "$comments" \
        --groups "$groups" --seed "$seed" --check-groups "$csv.groups.csv" > "$csv.planted.csv"
    echo "== $name: $participants participants x $comments statements, $votes votes, $groups planted groups, seed $seed"
    /usr/bin/time -v "$bin" "$csv" --groups "$csv.groups.csv" --out "$data/$name.result.json" \
        > "$data/$name.out" 2> "$data/$name.time"
    cat "$data/$name.out"
    echo "process: wall $(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$data/$name.time")," \
        "max RSS $(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$data/$name.time") / 1024 )) MB"
    ari=$(sed -n 's/^ARI vs planted.*: //p' "$data/$name.out")
    if awk -v a="$ari" -v m="$min_ari" 'BEGIN { exit !(a < m) }'; then
        echo "FAIL: ARI $ari below $min_ari"; status=1
    fi
    python3 "$here/check_result.py" "$data/$name.result.json" "$csv.planted.csv" || status=1
    "$bin" "$csv" --update 1000 --repeat 3 | grep -E "^(analyse repeat|update)"
done <<< "$shapes"
exit $status
