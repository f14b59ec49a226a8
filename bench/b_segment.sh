#!/bin/sh
# bench/b_segment.sh: crm-segment kmeans -k 8 --n-init 10 on 200k
# customers x 4 standardised columns (crm-gen segment) against
# scikit-learn's StandardScaler + KMeans(n_init=10), whole process each
# (reading the CSV, writing the labels), with both final inertias;
# Hamerly against Lloyd and Elkan (the same result); then
# crm-segment rfm on 1M customers (scores, segments, every row written).
# Sourced by bench/run.sh; alone: BIN=bin sh bench/b_segment.sh
# (SEG_ROWS, RFM_ROWS change the sizes).

if [ -z "${DATA:-}" ]; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
fi
seg=$BIN/crm-segment
if [ ! -x "$seg" ]; then
	echo "skipped: no $seg"
	return 0 2>/dev/null || exit 0
fi
: "${SEG_ROWS:=200000}" "${RFM_ROWS:=1000000}"
mkdir -p "$DATA"
S="$DATA/segment-$SEG_ROWS-s$SEED.csv"
R="$DATA/segment-$RFM_ROWS-s$SEED.csv"
[ -s "$S" ] && [ "$S" -nt "$GEN" ] ||
    "$GEN" segment --rows "$SEG_ROWS" --seed "$SEED" -o "$S"
[ -s "$R" ] && [ "$R" -nt "$GEN" ] ||
    "$GEN" segment --rows "$RFM_ROWS" --seed "$SEED" -o "$R"

km="'$seg' kmeans -q -k 8 --n-init 10 '$S'"
inertia=$(sh -c "$km" | awk -F, 'NR > 1 { s += $NF * $NF }
    END { printf "%.1f", s }')
echo "check: crm-segment kmeans, $SEG_ROWS rows: inertia $inertia"
t_km=$(bench_time "$km")
py3=/usr/bin/python3
[ -x "$py3" ] || py3=python3
if $py3 -c 'import sklearn, pandas' 2>/dev/null; then
	skpy="$DATA/segment-sklearn.py"
	cat > "$skpy" <<'PY'
import sys
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler
d = pd.read_csv(sys.argv[1])
X = StandardScaler().fit_transform(d.drop(columns=["customer_id"]).values)
km = KMeans(n_clusters=8, n_init=10, random_state=0).fit(X)
d["segment"] = km.labels_
d.to_csv(sys.stdout, index=False)
if len(sys.argv) > 2:
    print("%.1f" % km.inertia_, file=sys.stderr)
PY
	skin=$($py3 "$skpy" "$S" inertia 2>&1 >/dev/null)
	echo "check: sklearn KMeans(n_init=10): inertia $skin"
	bench_line "crm-segment kmeans -k 8 --n-init 10, $SEG_ROWS x 4" \
	    "$t_km" "sklearn KMeans(n_init=10)" \
	    "$(bench_time "$py3 '$skpy' '$S'")"
else
	echo "skipped: python3-sklearn not installed"
	echo "crm-segment kmeans -k 8 --n-init 10, $SEG_ROWS x 4: $t_km s"
fi
lloyd="'$seg' kmeans -q -k 8 --n-init 10 --algo lloyd '$S'"
bench_line "crm-segment kmeans (hamerly)" "$t_km" "--algo lloyd" \
    "$(bench_time "$lloyd")"
elkan="'$seg' kmeans -q -k 8 --n-init 10 --algo elkan '$S'"
bench_line "crm-segment kmeans (hamerly)" "$t_km" "--algo elkan" \
    "$(bench_time "$elkan")"
rfm="'$seg' rfm '$R'"
t_rfm=$(bench_time "$rfm")
echo "crm-segment rfm, $RFM_ROWS customers: $(printf '%.2f' "$t_rfm") s," \
    "peak memory $(bench_rss "$rfm") MB"
