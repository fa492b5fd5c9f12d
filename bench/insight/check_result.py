#!/usr/bin/env python3
"""Checks an opinion-groups result JSON against what gen_votes.py planted.

Reads the result written by `opinion_bench --out` (the CLI's JSON format) and
the `planted.py` replay of the same conversation, and checks that

* every comment planted as consensus that every group is expected to agree
  with at least 65 % of the time (passes included) is in consensus.agree,
  likewise for disagreement; nothing found as consensus is rejected by a
  majority of any planted group;
* every divisive statement found was planted divisive (not consensus).

Prints a one-line summary; exits 1 when a check fails.
"""

import csv
import json
import sys


def main(result_path, planted_path):
    with open(result_path) as fh:
        result = json.load(fh)
    with open(planted_path) as fh:
        planted = {int(r["comment"]): r for r in csv.DictReader(fh)}
    f = lambda c, k: float(planted[c][k])
    agree, disagree = set(result["consensus"]["agree"]), set(result["consensus"]["disagree"])
    want_agree = {c for c, r in planted.items() if r["consensus"] == "1" and f(c, "min_agree") >= 0.65}
    want_disagree = {c for c, r in planted.items() if r["consensus"] == "1" and f(c, "min_disagree") >= 0.65}
    problems = []
    if not want_agree <= agree:
        problems.append(f"planted consensus-agree missed: {sorted(want_agree - agree)}")
    if not want_disagree <= disagree:
        problems.append(f"planted consensus-disagree missed: {sorted(want_disagree - disagree)}")
    problems += [f"consensus agree {c} has a group majority against" for c in agree if f(c, "max_disagree") >= 0.5]
    problems += [f"consensus disagree {c} has a group majority for" for c in disagree if f(c, "max_agree") >= 0.5]
    problems += [f"divisive {c} was planted as consensus" for c in result["divisive"] if planted[c]["consensus"] == "1"]
    print(
        f"consensus agree: found {len(agree)}, planted strong {len(want_agree)} all found: {want_agree <= agree}; "
        f"consensus disagree: found {len(disagree)}, planted strong {len(want_disagree)} all found: "
        f"{want_disagree <= disagree}; divisive {len(result['divisive'])} all planted divisive: "
        f"{all(planted[c]['consensus'] == '0' for c in result['divisive'])}"
    )
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: check_result.py RESULT.json PLANTED.csv")
    sys.exit(main(sys.argv[1], sys.argv[2]))
