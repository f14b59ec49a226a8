#!/bin/sh
# crm-clean --fuzzy on the Febrl data sets 1, 2 and 3 with the one
# default configuration and no labels: pairwise precision, recall and F1
# of the clusters against the entities of rec_id, and the recall of the
# blocking's candidate pairs (tests/tools/linkeval.py).  Asserts F1 >=
# 0.995 with no false pair, and blocking recall >= 0.999 at <= 1.5
# candidate pairs per row.
d="$CRM_REFDATA/febrl"
[ -f "$d/dataset1.csv" ] || { echo "skip febrl: no $d"; exit 0; }
[ -x /usr/bin/python3 ] || { echo "skip febrl: no /usr/bin/python3"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ev=$(dirname "$0")/../tools/linkeval.py
cols=given_name,surname,street_number,address_1,address_2,suburb,postcode
cols=$cols,state,date_of_birth,soc_sec_id
for n in 1 2 3; do
	f="$d/dataset$n.csv"
	if ! crm-clean --fuzzy "$cols" --pairs "$tmp/pairs.csv" "$f" \
	    >"$tmp/out.csv"; then
		echo "not ok febrl/dataset$n: crm-clean failed"
		continue
	fi
	/usr/bin/python3 "$ev" "$tmp/out.csv" "$tmp/pairs.csv" >"$tmp/ev"
	echo "dataset$n: $(tr '\n' ' ' <"$tmp/ev")"
	awk -v n="dataset$n" '
	    { v[$1] = $2 }
	    END {
		bad = ""
		if (v["f1"] < 0.995) bad = bad " f1 " v["f1"]
		if (v["false_pairs"] > 0) bad = bad " false pairs " v["false_pairs"]
		if (v["blocking_recall"] < 0.999)
			bad = bad " blocking recall " v["blocking_recall"]
		if (v["candidates_per_row"] > 1.5)
			bad = bad " candidates per row " v["candidates_per_row"]
		if (bad == "") print "ok febrl/" n
		else print "not ok febrl/" n ":" bad
	    }' "$tmp/ev"
done
