#!/bin/sh
# crm-metrics rfm --returns net on the whole UCI Online Retail file
# (returns, cancellation invoices and lines without a customer included)
# against pandas: for every customer, monetary_total equals the net
# spend sum(Quantity * UnitPrice) within 1e-9 relative, and frequency
# equals the number of the customer's invoices that are not cancelled
# (cancelled: a negative line, and a net not above 0).  Lines without a CustomerID are bad
# rows: skipped, and counted.  The amount column is Quantity * UnitPrice
# as Python computes it, written in its shortest round-trip form.
f=$CRM_REFDATA/online_retail/online_retail.csv.gz
[ -r "$f" ] || { echo "skip metrics_retail: no $f"; exit 0; }
# Debian's python3 with its pandas (not a python3 earlier on PATH)
py=${PYTHON:-/usr/bin/python3}
"$py" -c 'import pandas' 2>/dev/null ||
    { echo "skip metrics_retail: no pandas"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crmref.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$py" - "$f" "$tmp/tx.csv" "$tmp/ref.csv" <<'PY' || exit 1
import sys
import pandas as pd
d = pd.read_csv(sys.argv[1], dtype={"CustomerID": str, "InvoiceNo": str})
d["amount"] = d["Quantity"] * d["UnitPrice"]
d.to_csv(sys.argv[2], index=False, float_format=None)
c = d.dropna(subset=["CustomerID"])
net = c.groupby("CustomerID")["amount"].sum()
g = c.groupby(["CustomerID", "InvoiceNo"])["amount"]
cancelled = (g.min() < 0) & (g.sum() <= 0)
freq = (~cancelled).groupby(level=0).sum()
pd.DataFrame({"net": net.map(repr), "frequency": freq}).to_csv(sys.argv[3])
PY
crm-metrics rfm --customer CustomerID --date InvoiceDate --order InvoiceNo \
    --skip-bad "$tmp/tx.csv" > "$tmp/rfm.csv" 2> "$tmp/err"
rc=$?
[ $rc -eq 0 ] || { echo "not ok metrics_retail: exit $rc: $(cat "$tmp/err")"; exit 0; }
awk -F, 'NR == FNR { if (FNR > 1) { net[$1] = $2; fr[$1] = $3; n++ }; next }
FNR > 1 { m++
	d = $6 - net[$1]; if (d < 0) d = -d
	s = net[$1] < 0 ? -net[$1] : net[$1]; if (s < 1) s = 1
	if (!($1 in net) || d > 1e-9 * s) { bad++; if (!msg) msg = $1 ": " $6 " != " net[$1] }
	if ($5 != fr[$1]) { badf++; if (!msgf) msgf = $1 ": " $5 " != " fr[$1] } }
END {
	if (m == n && !bad) printf "ok metrics_retail_net_spend (%d customers)\n", m
	else printf "not ok metrics_retail_net_spend: %d customers, pandas %d; %d differ; %s\n", m, n, bad, msg
	if (m == n && !badf) printf "ok metrics_retail_purchases (%d customers)\n", m
	else printf "not ok metrics_retail_purchases: %d differ; %s\n", badf, msgf
}' "$tmp/ref.csv" "$tmp/rfm.csv"
grep -q "135080 bad rows skipped" "$tmp/err" &&
    echo "ok metrics_retail_bad_rows (135080 without a customer)" ||
    echo "not ok metrics_retail_bad_rows: $(cat "$tmp/err")"
