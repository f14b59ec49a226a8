#!/bin/sh
# Reference parity of crm-rules on the arules Groceries data (9,835
# baskets, one a line, no header):
#  - the published rule counts of arules' apriori (maxlen 10, one-item
#    consequents): support 0.01 / confidence 0.5 -> 15 rules,
#    0.005 / 0.5 -> 120, 0.001 / 0.8 -> 410, and 333 frequent itemsets
#    at support 0.01, with each of --algo fpgrowth, eclat and apriori;
#  - the three algorithms write the same bytes (itemsets at 0.001);
#  - an independent Python count (level-wise over Python sets, nothing
#    shared with crm-rules) of every frequent itemset at 0.005 with its
#    count, the closed and maximal ones by their definitions, and every
#    rule at 0.005 / 0.5 with support, confidence, lift, leverage and
#    conviction within 1e-12;
#  - at support 0.001 the 13,492 frequent itemsets, the 13,464 closed and
#    the 7,794 maximal ones, against a second Python count (sets of
#    basket numbers);
#  - the same answer on 1 and 2 threads.
# Prints "ok NAME", "not ok NAME: why" or "skip NAME: why" per check.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BIN=${BIN:-bin}
g=${CRM_REFDATA:-../shared/data}/groceries/groceries.csv
r="$BIN/crm-rules"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crmref.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C TZ=UTC
if [ ! -f "$g" ]; then
	echo "skip rules_groceries: no $g"
	exit 0
fi
rules() { "$r" --baskets --no-header "$@" "$g"; }

# count NAME WANT ARGS...
count() {
	n=$1 want=$2
	shift 2
	got=$(rules "$@" | tail -n +2 | wc -l)
	if [ "$got" -eq "$want" ]; then echo "ok $n ($got)"
	else echo "not ok $n: $got, want $want"; fi
}
for a in fpgrowth eclat apriori; do
	count "groceries $a 0.01/0.5 rules" 15 --algo $a --min-support 0.01 \
	    --min-confidence 0.5
	count "groceries $a 0.005/0.5 rules" 120 --algo $a \
	    --min-support 0.005 --min-confidence 0.5
	count "groceries $a 0.001/0.8 rules" 410 --algo $a \
	    --min-support 0.001 --min-confidence 0.8
	count "groceries $a 0.01 itemsets" 333 --algo $a --min-support 0.01 \
	    --itemsets frequent
	rules --algo $a --min-support 0.001 --itemsets frequent > "$tmp/$a.csv"
done
if cmp -s "$tmp/fpgrowth.csv" "$tmp/eclat.csv" &&
    cmp -s "$tmp/fpgrowth.csv" "$tmp/apriori.csv"; then
	echo "ok groceries: the three algorithms agree at 0.001 ($(wc -l < "$tmp/eclat.csv") lines)"
else
	echo "not ok groceries: the algorithms differ at 0.001"
fi
rules --threads 1 --min-support 0.0005 --min-confidence 0.1 > "$tmp/t1.csv"
rules --threads 2 --min-support 0.0005 --min-confidence 0.1 > "$tmp/t2.csv"
if cmp -s "$tmp/t1.csv" "$tmp/t2.csv"; then
	echo "ok groceries: 1 and 2 threads give the same $(wc -l < "$tmp/t1.csv") lines"
else
	echo "not ok groceries: threads change the rules"
fi

py=/usr/bin/python3
[ -x $py ] || { echo "skip groceries python: no $py"; exit 0; }
for t in frequent closed maximal; do
	rules --min-support 0.005 --itemsets $t > "$tmp/$t.csv"
done
rules --min-support 0.005 --min-confidence 0.5 > "$tmp/rules.csv"
$py - "$g" "$tmp" <<'PY'
import csv, sys
from itertools import combinations
data, tmp = sys.argv[1], sys.argv[2]
tx = [frozenset(f for f in row if f) for row in csv.reader(open(data))]
N = len(tx)
minc = 50  # ceil(0.005 * 9835)
level = {}
for t in tx:
    for i in t:
        level[frozenset([i])] = level.get(frozenset([i]), 0) + 1
level = {k: v for k, v in level.items() if v >= minc}
freq = dict(level)
k = 1
while level and k < 10:
    k += 1
    items = sorted({i for s in level for i in s})
    cnt = {}
    for t in tx:
        ti = sorted(i for i in t if frozenset([i]) in freq)
        for c in combinations(ti, k):
            fc = frozenset(c)
            if all(fc - {x} in level for x in fc):
                cnt[fc] = cnt.get(fc, 0) + 1
    level = {s: v for s, v in cnt.items() if v >= minc}
    freq.update(level)
def sets(path):
    out = {}
    for row in csv.DictReader(open(path)):
        out[frozenset(row['itemset'].split(';'))] = int(row['count'])
    return out
def report(name, got, want):
    if got == want:
        print("ok groceries python %s (%d)" % (name, len(want)))
    else:
        print("not ok groceries python %s: %d sets, want %d; %d differ" %
              (name, len(got), len(want), len(set(got.items()) ^ set(want.items()))))
report("frequent 0.005", sets(tmp + "/frequent.csv"), freq)
sup = {}
for s in freq:
    for x in s:
        sup.setdefault(s - {x}, []).append(s)
closed = {s: c for s, c in freq.items()
          if all(freq[t] != c for t in sup.get(s, []))}
maximal = {s: c for s, c in freq.items() if not sup.get(s)}
report("closed 0.005", sets(tmp + "/closed.csv"), closed)
report("maximal 0.005", sets(tmp + "/maximal.csv"), maximal)
want = {}
for s, c in freq.items():
    if len(s) < 2:
        continue
    for x in s:
        a = s - {x}
        conf = c / freq[a]
        if conf < 0.5:
            continue
        sc = freq[frozenset([x])] / N
        want[(a, x)] = (c / N, conf, conf / sc, c / N - freq[a] / N * sc,
                        (1 - sc) / (1 - conf) if conf < 1 else float('inf'), c)
got = {}
for row in csv.DictReader(open(tmp + "/rules.csv")):
    got[(frozenset(row['antecedent'].split(';')), row['consequent'])] = tuple(
        float(row[k]) for k in ('support', 'confidence', 'lift', 'leverage',
                                'conviction', 'count'))
bad = [k for k in want if k not in got or any(
    abs(g - w) > 1e-12 * max(1, abs(w)) for g, w in zip(got[k], want[k]))]
if len(got) == len(want) and not bad:
    print("ok groceries python rules 0.005/0.5 measures (%d rules)" % len(want))
else:
    print("not ok groceries python rules: %d got, %d want, %d differ" %
          (len(got), len(want), len(bad)))
PY

# At support 0.001 (count 10) some frequent itemsets are not closed:
# every one of 13,492, the closed and the maximal ones, by a second
# Python count (level-wise over sets of basket numbers).
for t in frequent closed maximal; do
	rules --min-support 0.001 --itemsets $t > "$tmp/$t-1.csv"
done
$py - "$g" "$tmp" <<'PY'
import csv, sys
data, tmp = sys.argv[1], sys.argv[2]
tids = {}
for n, row in enumerate(csv.reader(open(data))):
    for f in set(row):
        if f:
            tids.setdefault(f, set()).add(n)
minc = 10  # ceil(0.001 * 9835)
level = {frozenset([i]): t for i, t in tids.items() if len(t) >= minc}
freq = {s: len(t) for s, t in level.items()}
k = 1
while level and k < 10:
    k += 1
    keys = sorted(tuple(sorted(s)) for s in level)
    nxt = {}
    for a in range(len(keys)):
        for b in range(a + 1, len(keys)):
            if keys[a][:-1] != keys[b][:-1]:
                break
            c = frozenset(keys[a] + keys[b][-1:])
            if any(c - {x} not in level for x in c):
                continue
            t = level[frozenset(keys[a])] & tids[keys[b][-1]]
            if len(t) >= minc:
                nxt[c] = t
    level = nxt
    freq.update({s: len(t) for s, t in level.items()})
def sets(path):
    return {frozenset(r['itemset'].split(';')): int(r['count'])
            for r in csv.DictReader(open(path))}
sup = {}
for s in freq:
    for x in s:
        sup.setdefault(s - {x}, []).append(s)
want = {
    'frequent': freq,
    'closed': {s: c for s, c in freq.items()
               if all(freq[t] != c for t in sup.get(s, []))},
    'maximal': {s: c for s, c in freq.items() if not sup.get(s)},
}
for name, w in want.items():
    got = sets(tmp + '/' + name + '-1.csv')
    if got == w:
        print("ok groceries python %s 0.001 (%d)" % (name, len(w)))
    else:
        print("not ok groceries python %s 0.001: %d sets, want %d" %
              (name, len(got), len(w)))
PY
