#!/usr/bin/python3
"""linkeval.py: pairwise precision, recall and F1 of a clustering against
the true entities, and the recall of the candidate pairs of blocking.

usage: linkeval.py OUT.csv [PAIRS.csv]
OUT.csv: crm-clean --fuzzy output, one row per input row in input order,
with rec_id (Febrl: rec-NUM-org / rec-NUM-dup-K, the entity is NUM) or
entity_id (crm-gen people: the entity itself), and cluster_id columns
(header names may have spaces around them).
PAIRS.csv: crm-clean --pairs output (line_a, line_b: input lines, the
header being line 1, one line per record).
Prints "name value" lines: rows, true_pairs, found_pairs, false_pairs,
precision, recall, f1, and with PAIRS.csv candidates, candidates_per_row,
blocking_recall.
"""
import csv
import itertools
import sys
from collections import defaultdict


def pairs_of(groups):
    out = set()
    for members in groups.values():
        for a, b in itertools.combinations(sorted(members), 2):
            out.add((a, b))
    return out


def main():
    with open(sys.argv[1], newline="") as f:
        rows = list(csv.reader(f))
    head = [h.strip() for h in rows[0]]
    cid = head.index("cluster_id")
    febrl = "rec_id" in head
    rid = head.index("rec_id" if febrl else "entity_id")
    ent, clu = defaultdict(list), defaultdict(list)
    for i, r in enumerate(rows[1:]):
        e = r[rid].strip()
        ent[e.split("-")[1] if febrl else e].append(i)
        clu[r[cid]].append(i)
    true, found = pairs_of(ent), pairs_of(clu)
    tp = len(true & found)
    p = tp / len(found) if found else 1.0
    rec = tp / len(true) if true else 1.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    n = len(rows) - 1
    print("rows", n)
    print("true_pairs", len(true))
    print("found_pairs", len(found))
    print("false_pairs", len(found - true))
    print("precision %.4f" % p)
    print("recall %.4f" % rec)
    print("f1 %.4f" % f1)
    if len(sys.argv) > 2:
        with open(sys.argv[2], newline="") as f:
            pr = list(csv.DictReader(f))
        cand = {(int(x["line_a"]) - 2, int(x["line_b"]) - 2) for x in pr}
        cand = {(min(a, b), max(a, b)) for a, b in cand}
        print("candidates", len(cand))
        print("candidates_per_row %.4f" % (len(cand) / n))
        print("blocking_recall %.4f" % (len(cand & true) / len(true)))


main()
