# Sharded = serial: each shard's --partial state, merged, gives the bytes
# of one run over all the data, for every mergeable subcommand.
sim-bgnbd -n 3000 -s 5 |
awk -F, 'NR == 1 { print $0 ",region,score"; next }
	{ print $0 "," (NR % 3 ? "north" : "south") "," int($3) % 11 }' \
    > "$WORK/all.csv"
n=$(wc -l < "$WORK/all.csv")
for k in 0 1 2; do
	awk -v k=$k -v n="$n" 'NR == 1 || (NR - 2) * 3 / (n - 1) >= k &&
	    (NR - 2) * 3 / (n - 1) < k + 1' "$WORK/all.csv" > "$WORK/s$k.csv"
done
check() {
	crm-metrics "$@" "$WORK/all.csv" > "$WORK/serial.csv"
	for k in 0 1 2; do
		crm-metrics "$@" --partial "$WORK/s$k.csv" > "$WORK/p$k.csv"
	done
	crm-metrics merge "$@" "$WORK/p0.csv" "$WORK/p1.csv" "$WORK/p2.csv" \
	    > "$WORK/merged.csv"
	if cmp -s "$WORK/serial.csv" "$WORK/merged.csv"; then
		echo "same: $* ($(wc -l < "$WORK/serial.csv") lines)"
	else
		echo "differ: $*"
	fi
}
check rfm
check rfm --lifetimes --freq W
check summary --by region --period month
check retention --period quarter --pct
check churn --period month --window 2
check clv --period month --discount 0.02
check clv --model bgnbd --spend gammagamma --params
check engagement
check engagement --period week --by region
check nps --by region
check csat --score score --period quarter --skip-bad -q
check ces --period month --skip-bad -q
