# start - churned + new + reactivated = end in every period, on the
# sample shop's transactions for every --period and several windows, and
# on simulated data with returns (the default --returns net).
check() { # label, then crm-metrics churn arguments
	label=$1; shift
	crm-metrics churn -q "$@" | awk -F, -v l="$label" '
	NR == 1 { next }
	{ n++; if ($2 - $5 + $3 + $4 != $6) { bad++; if (!m) m = $0 } }
	END { printf "%s: %d periods, %s\n", l, n,
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
