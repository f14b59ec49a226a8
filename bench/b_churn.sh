#!/bin/sh
# bench/b_churn.sh: crm-churn on `crm-gen churn` data (200,000 customers,
# 20 mixed features, 11% churned): trained on the first 160,000, scored
# on the last 40,000.  Forest (100 trees), gbt and logreg against
# scikit-learn's RandomForestClassifier(100, n_jobs=2),
# HistGradientBoostingClassifier and liblinear (-s 0, C=1) on the same
# split (test ROC AUC beside each time), and predict rows per second.
# The training runs are timed once each (RUNS=1): the whole takes a
# couple of minutes.  Missing tools are skipped.
# Sourced by bench/run.sh; can also run alone: BIN=bin sh bench/b_churn.sh

if [ -z "${DATA:-}" ] || ! command -v bench_time >/dev/null 2>&1; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
fi
churn=$BIN/crm-churn
if [ ! -x "$churn" ]; then
	echo "skipped: no $churn"
	return 0 2>/dev/null || exit 0
fi
d="$DATA/churn-s$SEED"
mkdir -p "$d"
if [ ! -s "$d/all.csv" ] || [ -n "$(find "$GEN" -newer "$d/all.csv")" ]; then
	"$GEN" churn --rows 200000 --seed "$SEED" -o "$d/all.csv" || exit 0
	head -n 160001 "$d/all.csv" > "$d/train.csv"
	{ head -n 1 "$d/all.csv"; tail -n 40000 "$d/all.csv"; } > "$d/test.csv"
fi
auc() { # model -> test AUC
	"$churn" eval -q -m "$1" "$d/test.csv" | awk -F, '$1 == "roc_auc" { printf "%.4f", $2 }'
}
RUNS_SAVE=$RUNS
RUNS=1
for a in forest gbt logreg; do
	eval "t_$a=\$(bench_time \"'$churn' train -q --algo $a --trees 100 --label churned -m '$d/$a.model' '$d/train.csv'\")"
	eval "auc_$a=\$(auc '$d/$a.model')"
done
RUNS=$RUNS_SAVE
echo "check: test AUC crm-churn forest(100) $auc_forest, gbt $auc_gbt, logreg $auc_logreg"
for a in forest gbt logreg; do
	t=$(bench_time "'$churn' predict -m '$d/$a.model' '$d/test.csv'")
	echo "crm-churn predict $a: $t s for 40000 rows" \
	    "($(awk -v t="$t" 'BEGIN { if (t > 0) printf "%.0f", 40000 / t; else print "?" }') rows/s)"
done

py3=/usr/bin/python3
[ -x $py3 ] || py3=python3
if $py3 -c 'import sklearn, pandas' 2>/dev/null; then
	# one-hot and median-imputed arrays once (not timed), as .npy
	$py3 - "$d" <<'PY'
import sys, pandas as pd, numpy as np
d = sys.argv[1]
tr = pd.read_csv(d + "/train.csv"); te = pd.read_csv(d + "/test.csv")
X = pd.get_dummies(tr.drop(columns=["customer_id", "churned"])).astype(float)
Xt = pd.get_dummies(te.drop(columns=["customer_id", "churned"])).astype(float).reindex(columns=X.columns, fill_value=0)
med = X.median(); X = X.fillna(med); Xt = Xt.fillna(med)
np.save(d + "/X.npy", X.values); np.save(d + "/Xt.npy", Xt.values)
np.save(d + "/y.npy", (tr.churned == "Yes").values.astype(int))
np.save(d + "/yt.npy", (te.churned == "Yes").values.astype(int))
def svm(M, y, f):
    with open(f, "w") as o:
        for row, t in zip(M, y):
            o.write("%d %s\n" % (1 if t else -1, " ".join("%d:%.10g" % (j + 1, v) for j, v in enumerate(row) if v != 0)))
mu, sd = X.mean(), X.std(ddof=0).replace(0, 1)
svm(((X - mu) / sd).values, (tr.churned == "Yes").values, d + "/train.svm")
svm(((Xt - mu) / sd).values, (te.churned == "Yes").values, d + "/test.svm")
PY
	for m in "RandomForestClassifier(100, n_jobs=2, random_state=0)" \
	    "HistGradientBoostingClassifier(random_state=0)"; do
		cat > "$d/sk.py" <<PY
import sys, numpy as np
from sklearn.ensemble import RandomForestClassifier, HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
d = "$d"
X = np.load(d + "/X.npy"); y = np.load(d + "/y.npy")
m = $m.fit(X, y)
with open(d + "/sk.auc", "w") as f:
    f.write("%.4f" % roc_auc_score(np.load(d + "/yt.npy"), m.predict_proba(np.load(d + "/Xt.npy"))[:, 1]))
PY
		RUNS=1
		t=$(bench_time "$py3 '$d/sk.py'")
		RUNS=$RUNS_SAVE
		case $m in
		Random*) bench_line "crm-churn train forest(100) (AUC $auc_forest)" "$t_forest" \
		    "sklearn RF(100, n_jobs=2) whole process (AUC $(cat "$d/sk.auc"))" "$t" ;;
		*) bench_line "crm-churn train gbt (AUC $auc_gbt)" "$t_gbt" \
		    "sklearn HistGradientBoosting whole process (AUC $(cat "$d/sk.auc"))" "$t" ;;
		esac
	done
	if need liblinear-train liblinear-tools; then
		RUNS=1
		t=$(bench_time "liblinear-train -s 0 -c 1 -q '$d/train.svm' '$d/ll.model'")
		RUNS=$RUNS_SAVE
		liblinear-predict -b 1 "$d/test.svm" "$d/ll.model" "$d/ll.out" >/dev/null
		lauc=$($py3 -c "
import numpy as np; from sklearn.metrics import roc_auc_score
L = open('$d/ll.out').read().split('\n'); h = L[0].split(); i = h.index('1')
p = [float(l.split()[i]) for l in L[1:] if l]
print('%.4f' % roc_auc_score(np.load('$d/yt.npy'), p))")
		bench_line "crm-churn train logreg (AUC $auc_logreg, from CSV)" "$t_logreg" \
		    "liblinear-train -s 0 (AUC $lauc, pre-converted)" "$t"
	fi
else
	echo "skipped: python3-sklearn or pandas not installed"
fi
