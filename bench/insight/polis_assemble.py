#!/usr/bin/env python3
"""Assembles DIR/p000, p001, ... (consecutive 16,000-character pages of a
Polis participants-votes.csv, copied by hand from a code-search service: see
docs/insight/heldout.md) into DIR/participants-votes.csv. Trailing empty cells may have been left out while
transcribing: every row is padded to the header width. Rows whose cells do not
match their own n-votes / n-agree / n-disagree columns, or that are wider than
the header, are dropped and listed in DIR/dropped.txt."""
import glob, os, sys

d = sys.argv[1]
# --strict: rows were copied with their trailing empty cells, so a wrong
# cell count reveals a copying slip anywhere in the row.
# Usage: polis_assemble.py DIR [--strict]
strict = "--strict" in sys.argv[2:]
text = "".join(open(p).read() for p in sorted(glob.glob(os.path.join(d, "p[0-9][0-9][0-9]"))))
lines = text.split("\n")
header = lines[0].split(",")
first = next(i for i, h in enumerate(header) if h.isdigit())
width = len(header)
col = {h: i for i, h in enumerate(header[:first])}
out, dropped = [lines[0]], []
for line in lines[1:]:
    if not line.strip(","):
        continue
    f = line.rstrip(",").split(",")
    pid = f[0]
    if strict and len(line.split(",")) != width:
        dropped.append((pid, f"{len(line.split(','))} cells != {width}")); continue
    if len(f) > width:
        dropped.append((pid, f"{len(f)} cells > {width}")); continue
    f += [""] * (width - len(f))
    cells = f[first:]
    if any(c not in ("", "1", "-1", "0") for c in cells):
        dropped.append((pid, "bad cell")); continue
    got = (sum(c != "" for c in cells), cells.count("1"), cells.count("-1"))
    want = (int(f[col["n-votes"]]), int(f[col["n-agree"]]), int(f[col["n-disagree"]]))
    if got != want:
        dropped.append((pid, f"cells {got} != counts {want}")); continue
    out.append(",".join(f))
open(os.path.join(d, "participants-votes.csv"), "w").write("\n".join(out) + "\n")
open(os.path.join(d, "dropped.txt"), "w").write("".join(f"{p}\t{why}\n" for p, why in dropped))
print(d, "rows", len(out) - 1, "dropped", len(dropped), [p for p, _ in dropped])
