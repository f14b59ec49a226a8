# start - churned + new + reactivated = end in every period, on the
# sample shop's transactions for every --period and several windows, and
# on simulated data with returns (the default --returns net); with --by,
# in every period of every group, and the new customers of the groups
# add up to the distinct (customer, group) pairs.
check() { # label, then crm-metrics churn arguments
	label=$1; shift
	crm-metrics churn -q "$@" | awk -F, -v l="$label" '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ n++; k = ""; for (i = 1; i < c["period"]; i++) k = k "," $i
	  g[k] = 1
	  new += $c["new"]
	  if ($c["customers_start"] - $c["churned"] + $c["new"] + \
	    $c["reactivated"] != $c["customers_end"]) { bad++; if (!m) m = $0 } }
	END { for (k in g) ng++
	    printf "%s: %d groups, %d periods, %d new, %s\n", l, ng, n, new,
	    bad ? bad " break the identity: " m : "identity holds" }'
}
for p in week month quarter; do
	for w in 1 2 3; do
		check "samples $p window $w" --period $p --window $w \
		    ../../samples/transactions.csv
	done
done
sim-bgnbd -n 2000 -s 9 |
    awk -F, 'NR > 1 && NR % 7 == 0 { $3 = -$3 } { print }' OFS=, \
    > "$WORK/r.csv"
check "simulated with returns, month window 2" --period month --window 2 \
    "$WORK/r.csv"
check "simulated, --returns keep, week window 4" --returns keep \
    --period week --window 4 "$WORK/r.csv"
# --by: the sample's items; simulated rows in three channels, so that a
# customer buys in several groups.
for w in 1 3; do
	check "samples by item, month window $w" --by item --period month \
	    --window $w ../../samples/transactions.csv
done
awk -F, 'NR > 1 && !s[$2 "," $5]++ { n++ }
    END { print "samples: " n " distinct (customer, item) pairs" }' \
    ../../samples/transactions.csv
awk -F, 'NR == 1 { print $0 ",channel"; next }
    { print $0 "," substr("abc", NR % 3 + 1, 1) }' "$WORK/r.csv" \
    > "$WORK/g.csv"
check "simulated with returns by channel, month window 2" --by channel \
    --period month --window 2 "$WORK/g.csv"
check "simulated, --returns keep, by channel, week window 4" \
    --returns keep --by channel --period week --window 4 "$WORK/g.csv"
awk -F, 'NR > 1 && $3 > 0 && !s[$1 "," $4]++ { n++ }
    END { print "simulated: " n " distinct (customer, channel) pairs " \
    "with a purchase" }' "$WORK/g.csv"
