#!/usr/bin/env python3
"""Writes a synthetic Pabulib file for the counting benchmarks (bench/pb/run.sh).

Approval ballots of 1..max_length projects, drawn with Zipf-like popularity
so that a few projects gather most votes as in real city budgets; costs
between min_cost and max_cost; voters in contiguous blocks of similar taste
(each block prefers a slice of the projects) so Equal Shares has groups to
be proportional to. Deterministic for a seed. Standard library only.
"""
import argparse
import bisect
import itertools
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--voters", type=int, required=True)
    ap.add_argument("--projects", type=int, required=True)
    ap.add_argument("--budget", type=int, required=True)
    ap.add_argument("--max-length", type=int, default=10)
    ap.add_argument("--min-cost", type=int, default=20_000)
    ap.add_argument("--max-cost", type=int, default=2_000_000)
    ap.add_argument("--rule", default="greedy")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    n = a.projects
    costs = [rnd.randrange(a.min_cost, a.max_cost) // 100 * 100 for _ in range(n)]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n)]
    rnd.shuffle(weights)
    blocks = 8
    cumulative = []
    for block in range(blocks):
        lo, hi = block * n // blocks, (block + 1) * n // blocks
        w = [x * (6.0 if lo <= i < hi else 1.0) for i, x in enumerate(weights)]
        cumulative.append(list(itertools.accumulate(w)))
    with open(a.out, "w", newline="") as f:
        f.write("META\r\nkey;value\r\n")
        f.write(f"description;Synthetic benchmark budget (seed {a.seed})\r\n")
        f.write(f"num_projects;{n}\r\nnum_votes;{a.voters}\r\nbudget;{a.budget}\r\n")
        f.write(f"vote_type;approval\r\nrule;{a.rule}\r\nmin_length;1\r\nmax_length;{a.max_length}\r\n")
        f.write("currency;PLN\r\nPROJECTS\r\nproject_id;cost;name\r\n")
        for i, c in enumerate(costs):
            f.write(f"{1000 + i};{c};Project {i}\r\n")
        f.write("VOTES\r\nvoter_id;vote\r\n")
        for v in range(a.voters):
            cum = cumulative[v * blocks // a.voters]
            k = rnd.randint(1, a.max_length)
            chosen = set()
            while len(chosen) < k:
                chosen.add(min(bisect.bisect(cum, rnd.random() * cum[-1]), n - 1))
            f.write(f"{v + 1};{','.join(str(1000 + p) for p in sorted(chosen))}\r\n")


if __name__ == "__main__":
    main()
