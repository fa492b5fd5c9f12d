#!/usr/bin/env bash
# Participatory-budget counting benchmark: `civicspace pb results` (read the
# Pabulib file, count, print JSON: one process, wall time and peak RSS from
# /usr/bin/time -v) on synthetic files made by gen.py with fixed seeds:
#   - krakow: 100,000 approval ballots of 1..10 projects, 150 projects,
#     a 30,000,000 budget; rules greedy, equalshares, equalshares/add1;
#   - kyiv: 10 budgets of 30,000 voters and 40 projects each (300,000
#     voters, 400 projects); all ten counted with greedy and votes-per-cost.
# Figures go to docs/performance.md ("Participatory budgeting: counting").
#
# Usage: bench/pb/run.sh
# Env:   PB_BENCH_DATA (default /tmp/civic-pb-bench), CARGO_TARGET_DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${PB_BENCH_DATA:-/tmp/civic-pb-bench}
target=${CARGO_TARGET_DIR:-$root/target}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

(cd "$root" && CARGO_TARGET_DIR="$target" cargo build --release -p civicspace --quiet)
bin="$target/release/civicspace"
mkdir -p "$data"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"

[ -f "$data/krakow.pb" ] || python3 "$here/gen.py" --voters 100000 --projects 150 --budget 30000000 \
    --max-length 10 --seed 1 --out "$data/krakow.pb"
for d in $(seq 1 10); do
    [ -f "$data/kyiv-$d.pb" ] || python3 "$here/gen.py" --voters 30000 --projects 40 --budget 3000000 \
        --max-length 5 --seed $((100 + d)) --out "$data/kyiv-$d.pb"
done

# Prints "wall_s rss_mb" of one run; the JSON goes to $data/last.json.
measure() {
    /usr/bin/time -v "$bin" pb results "$@" >"$data/last.json" 2>"$data/time.txt"
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$data/time.txt" | awk -F: '{ print $(NF-1) * 60 + $NF }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$data/time.txt")
    echo "$wall $((rss / 1024))"
}

echo
echo "| file | rule | wall (best of 3) | peak RSS | selected | Equal Shares runs |"
echo "|---|---|---|---|---|---|"
for rule in greedy equalshares equalshares/add1; do
    best=""; rss=0
    for _ in 1 2 3; do
        read -r w r < <(measure --pabulib "$data/krakow.pb" --rule "$rule")
        if [ -z "$best" ] || awk "BEGIN { exit !($w < $best) }"; then best=$w; fi
        rss=$r
    done
    selected=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["selected"]))' "$data/last.json")
    runs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("equal_shares", {}).get("runs", "-"))' "$data/last.json")
    echo "| krakow (100k ballots, 150 projects) | $rule | ${best} s | ${rss} MB | $selected | $runs |"
done
for rule in greedy votes-per-cost; do
    start=$(date +%s.%N); maxrss=0
    for d in $(seq 1 10); do
        read -r _ r < <(measure --pabulib "$data/kyiv-$d.pb" --rule "$rule")
        [ "$r" -gt "$maxrss" ] && maxrss=$r
    done
    total=$(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }")
    echo "| kyiv (10 budgets, 300k voters, 400 projects) | $rule | ${total} s for all 10 | ${maxrss} MB | - | - |"
done
