#!/usr/bin/env bash
# Topics and duplicates benchmark: synthetic Ukrainian and English civic
# texts (generated in the examples, fixed seeds), each step in its own
# process under /usr/bin/time -v for wall time and peak RSS.
#
#   1. topics: 10,000 ideas + 100,000 comments fitted from cold (budget
#      5 s and 500 MB), then 10,000 new comments assigned one by one;
#   2. duplicates: 10,000 ideas indexed, all candidate pairs listed, then
#      1,000 new ideas checked one by one;
#   3. quality on the labelled sets (topics agreement, duplicate P/R/F1).
#
# Figures go to docs/insight/topics.md and docs/insight/duplicates.md.
#
# Usage: bench/insight/topics.sh [IDEAS COMMENTS]
# Env:   CARGO_TARGET_DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
crate=$(cd "$here/../../crates/civic-insight" && pwd)
target=${CARGO_TARGET_DIR:-$(cd "$here/../.." && pwd)/target}
ideas=${1:-10000}
comments=${2:-100000}

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

(cd "$crate" && CARGO_TARGET_DIR="$target" cargo build --release --quiet \
    --example topics_bench --example duplicates_bench --example topics_eval --example duplicates_eval)
bin="$target/release/examples"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"

run() { # name command...
    local name=$1; shift
    /usr/bin/time -v "$@" > "$out/$name.out" 2> "$out/$name.time"
    cat "$out/$name.out"
    echo "process: wall $(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/$name.time")," \
        "user $(sed -n 's/.*User time (seconds): //p' "$out/$name.time") s," \
        "max RSS $(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$name.time") / 1024 )) MB"
}

echo "== topics: $ideas ideas + $comments comments"
run topics "$bin/topics_bench" --ideas "$ideas" --comments "$comments" --assign 10000
echo "== duplicates: $ideas ideas"
run duplicates "$bin/duplicates_bench" --ideas "$ideas" --checks 1000
echo "== topics on the labelled set (tests/data/topics)"
"$bin/topics_eval" | sed -n 1,4p
echo "== duplicates on the labelled pairs (tests/data/duplicates)"
"$bin/duplicates_eval"
