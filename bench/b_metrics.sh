#!/bin/sh
# bench/b_metrics.sh: crm-metrics rfm (per-customer aggregation, with
# distinct orders and with one purchase a row) against datamash -s -g
# and pandas groupby; memory at 1x and 2x the rows (the same customers
# and orders); scaling to 10x the rows; the BG/NBD fit on the
# lifetimes summary of all the customers.
# Sourced by bench/run.sh (see there for BIN, TX, bench_time, ...); can
# also run alone: BIN=bin ROWS=100000 sh bench/b_metrics.sh

if [ -z "${TX:-}" ]; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
	TX=$(bench_data "$ROWS") || exit 0
fi
metrics=$BIN/crm-metrics
if [ ! -x "$metrics" ]; then
	echo "skipped: no $metrics"
	return 0 2>/dev/null || exit 0
fi
# crm-gen: order_id,customer_id,date,amount,item.  rfm counts distinct
# orders (the order_id column is there); the same file without order_id
# makes it count rows.  Each is timed against the datamash command that
# does the same work: countunique of order_id, or count.
NOORD="$DATA/transactions-$ROWS-s$SEED-noorder.csv"
if [ ! -s "$NOORD" ] || [ "$TX" -nt "$NOORD" ]; then
	cut -d, -f2- "$TX" > "$NOORD"
fi
rfm="'$metrics' rfm '$TX'"
rfm_rows="'$metrics' rfm '$NOORD'"
got=$(sh -c "$rfm" | wc -l)
echo "check: rfm gives $((got - 1)) customers for $ROWS rows"
t_rfm=$(bench_time "$rfm")
t_rows=$(bench_time "$rfm_rows")
if need datamash datamash; then
	dm="datamash -s -t, -H -g 2 countunique 1 sum 4"
	dmr="datamash -s -t, -H -g 1 count 3 sum 3"
	sh -c "$rfm" | tail -n +2 | cut -d, -f1,5 | sort > "$DATA/metrics-a"
	sh -c "$dm <'$TX'" | tail -n +2 | cut -d, -f1,2 | sort > "$DATA/metrics-b"
	cmp -s "$DATA/metrics-a" "$DATA/metrics-b" &&
	    echo "check: datamash countunique gives the same frequencies" ||
	    echo "check: datamash countunique gives other frequencies"
	rm -f "$DATA/metrics-a" "$DATA/metrics-b"
	bench_line "crm-metrics rfm, distinct orders" "$t_rfm" \
	    "datamash -s -g countunique+sum" "$(bench_time "$dm <'$TX'")"
	bench_line "crm-metrics rfm, one purchase a row" "$t_rows" \
	    "datamash -s -g count+sum" "$(bench_time "$dmr <'$NOORD'")"
fi
py3=python3
[ -x /usr/bin/python3 ] && py3=/usr/bin/python3
if $py3 -c 'import pandas' 2>/dev/null; then
	py="$py3 -c \"import pandas as p, sys
d = p.read_csv(sys.argv[1])
d.groupby('customer_id').agg(n=('order_id', 'nunique'), s=('amount', 'sum'),
    f=('date', 'min'), l=('date', 'max')).to_csv(sys.stdout)\" '$TX'"
	bench_line "crm-metrics rfm, distinct orders" "$t_rfm" \
	    "pandas groupby nunique" "$(bench_time "$py")"
else
	echo "skipped: python3-pandas not installed"
fi
echo "peak memory of rfm, ${ROWS} rows -> $((ROWS * 2)) rows, same customers and orders (MB):" \
    "$(bench_rss "$rfm") -> $(bench_rss "{ cat '$TX'; tail -n +2 '$TX'; } | '$metrics' rfm")" \
    "(one purchase a row: $(bench_rss "$rfm_rows"))"
feed10="{ cat '$TX'; for i in 2 3 4 5 6 7 8 9 10; do tail -n +2 '$TX'; done; }"
t10=$(RUNS=1 bench_time "$feed10 | '$metrics' rfm")
t10c=$(RUNS=1 bench_time "$feed10")
awk -v a="$t_rfm" -v b="$t10" -v c="$t10c" 'BEGIN {
	printf "scaling: rfm %.2f s for 1x, %.2f s for 10x the rows " \
	    "(%.1fx; feeding the input alone %.2f s)\n", a, b, b / a, c }'
"$metrics" rfm --lifetimes "$TX" > "$DATA/metrics-lt.csv"
n=$(($(wc -l < "$DATA/metrics-lt.csv") - 1))
t_fit=$(bench_time "'$metrics' clv --algo bgnbd --params '$DATA/metrics-lt.csv'")
printf 'bgnbd fit on %s customers: %.2f s (bar: 2 s at 100000)\n' "$n" "$t_fit"
t_lt=$(bench_time "'$metrics' rfm --lifetimes '$TX'")
printf 'rfm --lifetimes (one record per customer and day): %.2f s\n' "$t_lt"
