#!/bin/sh
# bench/b_recommend.sh: crm-recommend on `crm-gen recommend` data (about
# 1.8M interactions, 118,000 customers, 1,000 items; each customer's
# last basket held out when they have an earlier one):
# - item-kNN top-10 for every customer (cosine, 50 neighbours), timed
#   against a scipy sparse cosine baseline doing the same (chunks of
#   customers, /usr/bin/python3; skipped without numpy/scipy/pandas),
#   with the hit rate @10 of each on the held-out baskets side by side;
# - ALS, 64 factors x 15 iterations, top-10 for every customer.
# Sourced by bench/run.sh; alone: BIN=bin sh bench/b_recommend.sh

if [ -z "${DATA:-}" ]; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
fi
rec=$BIN/crm-recommend
if [ ! -x "$rec" ]; then
	echo "skipped: no $rec"
	return 0 2>/dev/null || exit 0
fi
mkdir -p "$DATA"
all="$DATA/recommend-s$SEED.csv"
train="$DATA/recommend-s$SEED-train.csv"
test="$DATA/recommend-s$SEED-test.csv"
if [ ! -s "$test" ] || [ -n "$(find "$GEN" -newer "$all" 2>/dev/null)" ]
then
	"$GEN" recommend --seed "$SEED" -o "$all" || return 0 2>/dev/null
	# the rows of a customer's latest date, when they have an earlier one
	awk -F, -v tr="$train" -v te="$test" '
	NR == FNR { if (FNR > 1) { if ($3 > last[$1]) { if (last[$1] != "") ed[$1] = 1; last[$1] = $3 } else if ($3 < last[$1]) ed[$1] = 1 }; next }
	FNR == 1 { print > tr; print > te; next }
	{ if (ed[$1] && $3 == last[$1]) print > te; else print > tr }' \
	    "$all" "$all"
fi
echo "data: $(($(wc -l < "$train") - 1)) training rows," \
    "$(($(wc -l < "$test") - 1)) held out," \
    "$(cut -d, -f1 "$train" | sort -u | wc -l | awk '{ print $1 - 1 }') customers"

# hit rate @10 of a top file (customer_id,item,... rows) on the test:
# customers with a held-out item they did not have in training
hitrate() {
	awk -F, '
	FILENAME == ARGV[1] { if (FNR > 1) have[$1 "," $2] = 1; next }
	FILENAME == ARGV[2] { if (FNR > 1 && !have[$1 "," $2]) { rel[$1 "," $2] = 1; u[$1] = 1 }; next }
	FNR > 1 && $4 != "" { if (($1 in u) && rel[$1 "," $2]) hit[$1] = 1 }
	END { for (c in u) n++; for (c in hit) h++; printf "%.4f\n", h / n }' \
	    "$train" "$test" "$1"
}

knn="'$rec' top -n 10 --neighbours 50 '$train'"
t_knn=$(bench_time "$knn")
sh -c "$knn" > "$DATA/recommend-top.csv"
echo "check: crm-recommend itemknn hit rate@10 $(hitrate "$DATA/recommend-top.csv")"
py3=/usr/bin/python3
if [ -x $py3 ] && $py3 -c 'import numpy, scipy, pandas' 2>/dev/null; then
	cat > "$DATA/recommend_knn.py" <<'PY'
# scipy sparse cosine item-kNN, 50 neighbours, top 10 unseen per customer
import sys
import numpy as np, pandas as pd, scipy.sparse as sp
d = pd.read_csv(sys.argv[1], usecols=["customer_id", "item"])
c = d.customer_id.astype("category"); i = d.item.astype("category")
X = sp.csr_matrix((np.ones(len(d)), (c.cat.codes, i.cat.codes)))
X.data[:] = 1
n = np.sqrt(np.asarray(X.sum(0)).ravel())
S = (X.T @ X).toarray() / np.outer(n, n)
np.fill_diagonal(S, 0)
K = 50
idx = np.argpartition(-S, K, axis=1)[:, :K]
rows = np.repeat(np.arange(S.shape[0]), K)
S = sp.csr_matrix((S[rows, idx.ravel()], (rows, idx.ravel())), shape=S.shape)
cust = np.asarray(c.cat.categories); item = np.asarray(i.cat.categories)
out = []
for lo in range(0, X.shape[0], 8192):
    Xb = X[lo:lo + 8192]
    s = (Xb @ S).toarray()
    s[Xb.nonzero()] = -np.inf
    top = np.argpartition(-s, 10, axis=1)[:, :10]
    sc = np.take_along_axis(s, top, 1)
    o = np.argsort(-sc, axis=1, kind="stable")
    top = np.take_along_axis(top, o, 1); sc = np.take_along_axis(sc, o, 1)
    r = np.repeat(np.arange(lo, lo + Xb.shape[0]), 10)
    out.append(pd.DataFrame({"customer_id": cust[r], "item": item[top.ravel()],
        "rank": np.tile(np.arange(1, 11), Xb.shape[0]), "score": sc.ravel()}))
pd.concat(out).to_csv(sys.stdout, index=False)
PY
	py="$py3 '$DATA/recommend_knn.py' '$train'"
	t_py=$(bench_time "$py")
	sh -c "$py" > "$DATA/recommend-top-py.csv"
	echo "check: scipy cosine item-kNN hit rate@10 $(hitrate "$DATA/recommend-top-py.csv")"
	bench_line "crm-recommend top itemknn, all customers" "$t_knn" \
	    "scipy sparse cosine (50 neighbours)" "$t_py"
else
	echo "skipped: /usr/bin/python3 with numpy, scipy and pandas"
	echo "crm-recommend top itemknn, all customers: $t_knn s"
fi
als="'$rec' top -n 10 --algo als --factors 64 --iterations 15 '$train'"
RUNS=1 t_als=$(RUNS=1 bench_time "$als")
echo "crm-recommend top als (64 factors x 15 iterations), all customers: $t_als s"
rm -f "$DATA/recommend-top.csv" "$DATA/recommend-top-py.csv"
