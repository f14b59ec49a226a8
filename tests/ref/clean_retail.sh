#!/bin/sh
# crm-clean on the UCI Online Retail data: the filter that analyses of
# this data use (a quantity and a price above 0, a customer id) keeps the
# standard 397,884 rows; the derived amount and the selection equal
# Miller's filter/put/cut byte for byte; crm-metrics rfm then finds the
# 4,338 customers of the published analyses.
f="$CRM_REFDATA/online_retail/online_retail.csv.gz"
[ -f "$f" ] || { echo "skip clean_retail: no $f"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
crm-clean --where 'Quantity > 0 and UnitPrice > 0 and not is_empty(CustomerID)' \
    --derive 'amount = Quantity * UnitPrice' \
    --select CustomerID,InvoiceNo,InvoiceDate,amount \
    --report "$tmp/rep.csv" "$f" >"$tmp/crm.csv"
n=$(($(wc -l <"$tmp/crm.csv") - 1))
if [ "$n" -eq 397884 ]; then echo "ok retail-rows-kept"
else echo "not ok retail-rows-kept: $n rows, 397884 expected"; fi
if grep -qx 'filtered,,144025' "$tmp/rep.csv" &&
    grep -qx 'rows_in,,541909' "$tmp/rep.csv"; then
	echo "ok retail-report-counts"
else
	echo "not ok retail-report-counts: $(tr '\n' ' ' <"$tmp/rep.csv")"
fi
if command -v mlr >/dev/null; then
	gzip -dc "$f" | mlr --icsv --ocsv \
	    filter '$Quantity > 0 && $UnitPrice > 0 && $CustomerID != ""' \
	    then put '$amount = $Quantity * $UnitPrice' \
	    then cut -o -f CustomerID,InvoiceNo,InvoiceDate,amount \
	    >"$tmp/mlr.csv"
	if cmp -s "$tmp/crm.csv" "$tmp/mlr.csv"; then echo "ok retail-same-as-miller"
	else echo "not ok retail-same-as-miller: outputs differ"; fi
else
	echo "skip retail-same-as-miller: no mlr"
fi
crm-metrics rfm --customer CustomerID --order InvoiceNo --date InvoiceDate \
    "$tmp/crm.csv" >"$tmp/rfm.csv"
n=$(($(wc -l <"$tmp/rfm.csv") - 1))
if [ "$n" -eq 4338 ]; then echo "ok retail-rfm-customers"
else echo "not ok retail-rfm-customers: $n customers, 4338 expected"; fi
