#!/bin/sh
# crm-segment kmeans against scikit-learn's KMeans(n_init=10) on the same
# standardised features (recency, log1p frequency, log1p monetary_total):
# the final inertia is at most sklearn's, for k = 3, 4, 5, 8, on the
# sample shop's RFM and on the per-customer RFM of UCI Online Retail
# (crm-metrics rfm; the customers with a positive net spend).  Then Ward
# and DBSCAN on 2000 of those customers give sklearn's partitions.
# Debian's python3 with its sklearn (not a python3 earlier on PATH).
py=${PYTHON:-/usr/bin/python3}
"$py" -c 'import sklearn, pandas' 2>/dev/null ||
    { echo "skip segment_kmeans: no sklearn"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crmref.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
crm-metrics rfm samples/transactions.csv > "$tmp/sample.csv"
f=$CRM_REFDATA/online_retail/online_retail.csv.gz
sets=sample
if [ -r "$f" ]; then
	"$py" - "$f" "$tmp/tx.csv" <<'PY' || exit 1
import sys
import pandas as pd
d = pd.read_csv(sys.argv[1], dtype={"CustomerID": str, "InvoiceNo": str})
d["amount"] = d["Quantity"] * d["UnitPrice"]
d.to_csv(sys.argv[2], index=False)
PY
	crm-metrics rfm -q --customer CustomerID --date InvoiceDate \
	    --order InvoiceNo --skip-bad "$tmp/tx.csv" |
	    awk -F, 'NR == 1 || ($4 != "" && $6 > 0)' > "$tmp/retail.csv"
	sets="sample retail"
else
	echo "skip segment_kmeans retail: no $f"
fi
for s in $sets; do
	for k in 3 4 5 8; do
		crm-segment kmeans -q -k $k -c recency,frequency,monetary_total \
		    --log frequency,monetary_total "$tmp/$s.csv" |
		    awk -F, 'NR > 1 { s += $NF * $NF } END { printf "%.10f\n", s }' \
		    > "$tmp/ours"
		"$py" - "$tmp/$s.csv" $k "$(cat "$tmp/ours")" "$s" <<'PY'
import sys
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler
d = pd.read_csv(sys.argv[1])
k, ours, name = int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
X = StandardScaler().fit_transform(np.column_stack([d["recency"],
    np.log1p(d["frequency"]), np.log1p(d["monetary_total"])]))
sk = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).inertia_
ok = ours <= sk * (1 + 1e-9)
print("%s segment_kmeans %s (%d customers) k=%d: inertia %.6f, sklearn %.6f"
      % ("ok" if ok else "not ok", name, len(d), k, ours, sk))
PY
	done
done
[ -r "$tmp/retail.csv" ] || exit 0
# Ward and DBSCAN on 2000 customers, the features standardised once by
# numpy and given to both as they are
"$py" - "$tmp/retail.csv" "$tmp/x.csv" "$tmp/sk.csv" <<'PY' || exit 1
import sys
import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering, DBSCAN
from sklearn.preprocessing import StandardScaler
d = pd.read_csv(sys.argv[1]).head(2000)
X = StandardScaler().fit_transform(np.column_stack([d["recency"],
    np.log1p(d["frequency"]), np.log1p(d["monetary_total"])]))
pd.DataFrame(X, columns=["r", "f", "m"]).to_csv(sys.argv[2], index=False,
    float_format="%.17g")
X = pd.read_csv(sys.argv[2]).values
out = pd.DataFrame({
    "ward6": AgglomerativeClustering(n_clusters=6, linkage="ward").fit(X).labels_,
    "dbscan": DBSCAN(eps=0.3, min_samples=8).fit(X).labels_})
out.to_csv(sys.argv[3], index=False)
PY
crm-segment hierarchical -k 6 --no-standardize "$tmp/x.csv" > "$tmp/w.csv"
crm-segment dbscan -q --eps 0.3 --min-pts 8 --no-standardize "$tmp/x.csv" \
    > "$tmp/d.csv"
# equal partitions: the pairs (ours, sklearn's) as many as either's labels
for m in ward6:w:1 dbscan:d:2; do
	name=${m%%:*} r=${m#*:}; file=${r%%:*}; col=${r#*:}
	paste -d, "$tmp/$file.csv" "$tmp/sk.csv" | awk -F, -v c=$col -v n=$name '
	NR > 1 { p[$4 "," $(4 + c)]++; a[$4]++; b[$(4 + c)]++ }
	END { for (x in p) np++; for (x in a) na++; for (x in b) nb++
	    printf "%s segment_%s: %d labels, sklearn %d, %d pairs\n",
	    (np == na && na == nb) ? "ok" : "not ok", n, na, nb, np }'
done
