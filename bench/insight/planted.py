#!/usr/bin/env python3
"""Replays the model draws of gen_votes.py to tell which comments were planted
as consensus and what share of each group is expected to agree / disagree.

gen_votes.py draws, in this order from one PCG64 stream: group shares, group
of each participant, comment base logits, the consensus flags, the rotation,
the loadings, the per-group noise, then the pass probabilities. This script
repeats exactly those draws (same arguments => same numbers), checks the
replayed groups against FILE.groups.csv when given, and prints

    comment,consensus,min_agree,max_agree,min_disagree,max_disagree

where the shares are among all votes on the comment, passes included (what
Polis' proportions measure), minimised / maximised over the groups.
"""

import argparse
import sys

import numpy as np


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in ("participants", "comments", "groups", "seed"):
        ap.add_argument(f"--{name}", type=int, required=True)
    ap.add_argument("--pass-rate", type=float, default=0.2)
    ap.add_argument("--divisiveness", type=float, default=3.0)
    ap.add_argument("--check-groups", help="FILE.groups.csv written by gen_votes.py")
    args = ap.parse_args(argv)
    P, C, G = args.participants, args.comments, args.groups

    rng = np.random.Generator(np.random.PCG64(args.seed))
    shares = rng.dirichlet(np.full(G, 8.0))
    group = rng.choice(G, size=P, p=shares).astype(np.int64)
    base = rng.normal(0.0, 1.0, size=C)
    consensus = rng.random(C) < 0.3
    spread = np.where(consensus, 0.3, args.divisiveness)
    theta = rng.uniform(0.0, 2 * np.pi) + 2 * np.pi * np.arange(G) / G
    z = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    loading = rng.normal(0.0, 1.0, size=(C, 2))
    dev = (z @ loading.T) * spread[None, :] + rng.normal(0.0, 0.3, size=(G, C))
    p_agree = 1.0 / (1.0 + np.exp(-(base[None, :] + dev)))
    pr = min(max(args.pass_rate, 1e-6), 1 - 1e-6)
    conc = 10.0
    p_pass = rng.beta(pr * conc, (1 - pr) * conc, size=C)

    if args.check_groups:
        planted = np.loadtxt(args.check_groups, delimiter=",", skiprows=1, dtype=np.int64)
        if not np.array_equal(planted[:, 1], group):
            sys.exit("replayed groups differ from the groups file: gen_votes.py changed?")

    agree = (1.0 - p_pass)[None, :] * p_agree
    disagree = (1.0 - p_pass)[None, :] * (1.0 - p_agree)
    print("comment,consensus,min_agree,max_agree,min_disagree,max_disagree")
    for c in range(C):
        print(
            f"{c},{int(consensus[c])},{agree[:, c].min():.4f},{agree[:, c].max():.4f},"
            f"{disagree[:, c].min():.4f},{disagree[:, c].max():.4f}"
        )


if __name__ == "__main__":
    main()
