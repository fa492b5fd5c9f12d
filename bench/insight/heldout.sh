#!/usr/bin/env bash
# Held-out vote prediction on real Polis conversations: for each conversation
# in the manifest, hide 10 % of the agree / disagree votes (10 seeded splits),
# group on the rest and predict each hidden vote by the majority of the
# voter's group; compares no groups, Polis' own groups and this engine (with
# the number of groups chosen by held-out votes, the default, and by
# silhouette, the previous default). Method and figures:
# docs/insight/heldout.md.
#
# The data is not in the repository. Each conversation's
# participants-votes.csv (a Polis export from the public repository
# compdemocracy/openData) must be placed by hand in $POLIS_DATA/<conversation>/
# (see the manifest bench/insight/polis_manifest.csv for the files, source
# commits and checksums, and docs/insight/heldout.md for how they were made).
#
# Usage: bench/insight/heldout.sh [extra heldout options, e.g. --splits 20]
# Env:   POLIS_DATA (default /work/data/polis), CARGO_TARGET_DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
crate=$(cd "$here/../../crates/civic-insight" && pwd)
data=${POLIS_DATA:-/work/data/polis}
target=${CARGO_TARGET_DIR:-$(cd "$here/../.." && pwd)/target}

dirs=()
while IFS=, read -r name _ _ _ _ _ _ _ _ sha; do
    [ "$name" = conversation ] && continue
    file="$data/$name/participants-votes.csv"
    if [ ! -f "$file" ]; then
        echo "missing $file (see the header of $0)" >&2
        exit 1
    fi
    got=$(sha256sum "$file" | cut -c1-64)
    [ "$got" = "$sha" ] || echo "warning: $file differs from the manifest (sha256 $got)" >&2
    dirs+=("$data/$name")
done < "$here/polis_manifest.csv"

(cd "$crate" && CARGO_TARGET_DIR="$target" cargo build --release --example heldout --quiet)
bin="$target/release/examples/heldout"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== k by held-out votes (default)"
"$bin" "${dirs[@]}" "$@"
echo "== k by silhouette (before)"
"$bin" "${dirs[@]}" --silhouette "$@"
