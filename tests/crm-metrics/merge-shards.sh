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
check churn --by region --period month --window 2
check clv --period month --discount 0.02
check clv --algo bgnbd --spend gammagamma --params
check engagement
check engagement --period week --by region
check nps --by region
check csat --score score --period quarter --skip-bad -q
check ces --period month --skip-bad -q
# The partial column of surveys comes from each shard's span row: the
# first period (in the first shard) and the last (in the last) are
# partial in the merged table as in the serial one.
check nps --by region --period quarter --score score --skip-bad -q
cut -d, -f1-3 "$WORK/merged.csv"

# Orders split between shards: every order has two lines, the second
# written after the next order's first (so orders interleave), in two
# regions; each shard boundary falls inside an order.  A purchase is
# still one order.
sim-bgnbd -n 1000 -s 7 |
awk -F, 'NR == 1 { print "order_id," $0 ",region"; next }
	{ o = "o" (NR % 500)	# ids shared between customers
	  print o "," $0 ",north"
	  if (pend != "") print pend
	  pend = o "," $1 "," $2 ",1,south" }
	END { print pend }' > "$WORK/ord.csv"
n=$(($(wc -l < "$WORK/ord.csv") - 1))
cut=$((n / 3 | 1))
head -n 1 "$WORK/ord.csv" > "$WORK/h.csv"
tail -n +2 "$WORK/ord.csv" > "$WORK/b.csv"
head -n "$cut" "$WORK/b.csv" | cat "$WORK/h.csv" - > "$WORK/s0.csv"
sed -n "$((cut + 1)),$((2 * cut))p" "$WORK/b.csv" | cat "$WORK/h.csv" - \
    > "$WORK/s1.csv"
tail -n +"$((2 * cut + 1))" "$WORK/b.csv" | cat "$WORK/h.csv" - \
    > "$WORK/s2.csv"
for k in 0 1 2; do
	awk -F, 'NR > 1 { print $1 "," $2 }' "$WORK/s$k.csv" | sort -u \
	    > "$WORK/o$k"
done
echo "orders in two shards: $(cat "$WORK/o0" "$WORK/o1" "$WORK/o2" |
    sort | uniq -d | wc -l)"
mv "$WORK/ord.csv" "$WORK/all.csv"
check rfm
check rfm --repeat
check rfm --asof 2020-06-30
check summary
check summary --by region --period month
awk -F, 'NR > 1 { print $1 "," $2 }' "$WORK/all.csv" | sort -u | wc -l |
    sed 's/^ */orders: /'
crm-metrics summary "$WORK/all.csv"
