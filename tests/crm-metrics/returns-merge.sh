# With returns and cancelled orders, every --returns mode gives the same
# bytes serially and merged from shards (the state keeps rows of each
# sign apart, so that merge can tell returns as the serial run does).
cat > "$WORK/o.csv" <<'X'
order_id,customer_id,date,amount
O1,a,2024-01-01,10
O1,a,2024-01-01,5
C1,a,2024-01-03,-5
O2,a,2024-01-04,8
O3,b,2024-01-02,20
O2,a,2024-01-04,-8
O3,b,2024-02-05,-25
O4,b,2024-03-01,0
O5,c,2024-02-11,4
O6,c,2024-03-12,-1
X
head -6 "$WORK/o.csv" > "$WORK/s0.csv"
{ head -1 "$WORK/o.csv"; tail -n +7 "$WORK/o.csv"; } > "$WORK/s1.csv"
for m in net drop keep; do
	for c in rfm "rfm --repeat" "rfm --lifetimes" summary "clv" \
	    "retention --pct" "churn" "summary --period month"; do
		crm-metrics $c --returns $m "$WORK/o.csv" > "$WORK/serial"
		crm-metrics $c --returns $m --partial "$WORK/s0.csv" > "$WORK/p0"
		crm-metrics $c --returns $m --partial "$WORK/s1.csv" > "$WORK/p1"
		crm-metrics merge $c --returns $m "$WORK/p0" "$WORK/p1" > "$WORK/m"
		if cmp -s "$WORK/serial" "$WORK/m"; then
			echo "$m $c: same ($(wc -l < "$WORK/m") lines)"
		else echo "$m $c: differ"; diff "$WORK/serial" "$WORK/m"; fi
	done
done
