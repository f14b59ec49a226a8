#!/bin/sh
# crm-recommend on UCI Online Retail (customer x StockCode; cancellation
# invoices and lines without a CustomerID left out by crm-clean, 397,924
# lines).
# 1. Quality bars of issue 15 with the defaults, on the random split and
#    on each customer's last basket: every personalised algorithm beats
#    popular on precision@10, and the best beats item-kNN.
# 2. Parity with an independent numpy/scipy computation on a split made
#    in Python (--test FILE): popular, item-kNN (cosine, 50 neighbours)
#    and EASE (lambda = mean diagonal of X'X) rank the same lists, so
#    precision, recall, NDCG, MAP and hit rate at 10 agree within 0.002
#    (floating sums in another order may swap near-ties).
f=$CRM_REFDATA/online_retail/online_retail.csv.gz
[ -r "$f" ] || { echo "skip recommend_retail: no $f"; exit 0; }
py=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crmref.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
zcat "$f" | crm-clean -q --where 'substr(InvoiceNo, 1, 1) != "C" and not is_empty(CustomerID)' \
    --select CustomerID,StockCode,Description,InvoiceDate > "$tmp/r.csv" ||
    { echo "not ok recommend_retail: crm-clean failed"; exit 0; }
A="--customer CustomerID --item StockCode --items $tmp/r.csv --text Description"
bars() { # name split-args
	crm-recommend eval $A $2 -q \
	    --algo itemknn,userknn,ease,als,content,hybrid "$tmp/r.csv" \
	    > "$tmp/e.csv" 2> "$tmp/err" ||
	    { echo "not ok recommend_retail $1: $(cat "$tmp/err")"; return; }
	sed "s/^/# $1: /" "$tmp/e.csv"
	awk -F, -v n="$1" 'NR > 1 { p[$1] = $4 }
	END {
		bad = ""
		split("itemknn userknn ease als content hybrid", a, " ")
		for (i in a) if (!(p[a[i]] > p["popular"])) bad = bad " " a[i]
		best = p["ease"] > p["hybrid"] ? p["ease"] : p["hybrid"]
		if (bad != "") print "not ok recommend_retail " n ": not above popular:" bad
		else print "ok recommend_retail " n ": every algorithm above popular (" p["popular"] ")"
		if (best > p["itemknn"]) print "ok recommend_retail " n ": best " best " above itemknn " p["itemknn"]
		else print "not ok recommend_retail " n ": best " best " not above itemknn " p["itemknn"]
	}' "$tmp/e.csv"
}
[ -n "${PARITY_ONLY:-}" ] || bars random ""
[ -n "${PARITY_ONLY:-}" ] || bars last "--split last --date InvoiceDate"

"$py" -c 'import numpy, scipy' 2>/dev/null ||
    { echo "skip recommend_retail parity: no numpy/scipy"; exit 0; }
"$py" - "$tmp/r.csv" "$tmp" > "$tmp/ref.csv" <<'PY' || { echo "not ok recommend_retail parity: python failed"; exit 0; }
import csv, sys
import numpy as np
src, out = sys.argv[1], sys.argv[2]
pairs, seen = [], set()
with open(src, newline="") as fh:
    r = csv.reader(fh); next(r)
    for row in r:
        k = (row[0], row[1])
        if k not in seen:
            seen.add(k); pairs.append(k)
rng = np.random.default_rng(7)
test = rng.random(len(pairs)) < 0.2
for name, sel in (("train", ~test), ("test", test)):
    with open(f"{out}/{name}.csv", "w", newline="") as fh:
        w = csv.writer(fh); w.writerow(["CustomerID", "StockCode"])
        for (c, i), t in zip(pairs, sel):
            if t: w.writerow([c, i])
# ids in order of first appearance, train then test (as crm-recommend)
cid, iid = {}, {}
rows = {}
for name, sel in (("train", ~test), ("test", test)):
    rows[name] = [(cid.setdefault(c, len(cid)), iid.setdefault(i, len(iid)))
                  for (c, i), t in zip(pairs, sel) if t]
nc, ni = len(cid), len(iid)
X = np.zeros((nc, ni))
for c, i in rows["train"]: X[c, i] = 1
rel = {}
for c, i in rows["test"]:
    if X[c, i] == 0: rel.setdefault(c, set()).add(i)
users = [u for u in range(nc) if X[u].sum() > 0 and u in rel]
pop = X.sum(0)
order = np.lexsort((np.arange(ni), -pop))      # popularity, then id
rank_of = np.empty(ni, int); rank_of[order] = np.arange(ni)
def topk(s, u, k=10):
    s = s.copy(); s[X[u] > 0] = -np.inf
    return list(np.lexsort((rank_of, -s))[:k])
def metrics(name, score):
    m = np.zeros(5); recs = set()
    for u in users:
        rec = topk(score(u), u); recs.update(rec); R = rel[u]
        hits = [1 if j in R else 0 for j in rec]
        h = sum(hits); ideal = min(10, len(R))
        dcg = sum(x / np.log2(i + 2) for i, x in enumerate(hits))
        idcg = sum(1 / np.log2(i + 2) for i in range(ideal))
        ap = sum(sum(hits[:i + 1]) / (i + 1) for i, x in enumerate(hits) if x) / ideal
        m += [h / 10, h / len(R), dcg / idcg, ap, h > 0]
    m /= len(users)
    print(",".join([name, "10", str(len(users))] + ["%.6f" % v for v in m] + ["%.6f" % (len(recs) / ni)]))
metrics("popular", lambda u: pop)
nrm = np.sqrt(pop)
S = (X.T @ X) / np.outer(nrm, nrm).clip(1e-300)
np.fill_diagonal(S, 0)
K = 50
Sk = np.zeros_like(S)
for i in range(ni):
    o = np.lexsort((np.arange(ni), -S[i]))[:K]
    o = o[S[i, o] > 0]
    Sk[i, o] = S[i, o]
metrics("itemknn", lambda u: X[u] @ Sk)
G = X.T @ X
lam = np.diag(G).mean()
P = np.linalg.inv(G + lam * np.eye(ni))
B = -P / np.diag(P); np.fill_diagonal(B, 0)
metrics("ease", lambda u: X[u] @ B)
PY
crm-recommend eval --customer CustomerID --item StockCode -q \
    --test "$tmp/test.csv" --algo itemknn,ease "$tmp/train.csv" \
    > "$tmp/ours.csv" || { echo "not ok recommend_retail parity: eval failed"; exit 0; }
for a in popular itemknn ease; do
	o=$(grep "^$a," "$tmp/ours.csv")
	r=$(grep "^$a," "$tmp/ref.csv")
	echo "# crm-recommend $o"
	echo "# numpy/scipy   $r"
	echo "$o $r" | awk -v a="$a" '{ split($1, x, ","); split($2, y, ",")
		bad = x[3] != y[3]
		for (i = 4; i <= 8; i++) { d = x[i] - y[i]; if (d < 0) d = -d
			if (d > 0.002) bad = 1 }
		if (bad) print "not ok recommend_retail parity " a ": figures differ"
		else print "ok recommend_retail parity " a ": precision " x[4] " (numpy " y[4] ")" }'
done
