#!/bin/sh
# bench/b_metrics.sh: crm-metrics rfm (per-customer aggregation) against
# datamash -s -g and pandas groupby; memory at 1x and 2x the rows (the
# same customers); scaling to 10x the rows; the BG/NBD fit on the
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
# crm-gen: order_id,customer_id,date,amount,item
rfm="'$metrics' rfm '$TX'"
got=$(sh -c "$rfm" | wc -l)
echo "check: rfm gives $((got - 1)) customers for $ROWS rows"
t_rfm=$(bench_time "$rfm")
if need datamash datamash; then
	dm="datamash -s -t, -H -g 2 count 4 sum 4 mean 4 first 3 last 3"
	want=$(sh -c "$dm <'$TX'" | wc -l)
	[ "$want" -eq "$got" ] && echo "check: datamash gives as many" ||
	    echo "check: datamash gives $((want - 1)) customers"
	bench_line "crm-metrics rfm" "$t_rfm" "datamash -s -g" \
	    "$(bench_time "$dm <'$TX'")"
fi
py3=python3
[ -x /usr/bin/python3 ] && py3=/usr/bin/python3
if $py3 -c 'import pandas' 2>/dev/null; then
	py="$py3 -c \"import pandas as p, sys
d = p.read_csv(sys.argv[1])
d.groupby('customer_id').agg(n=('amount', 'size'), s=('amount', 'sum'),
    m=('amount', 'mean'), f=('date', 'min'), l=('date', 'max')).to_csv(sys.stdout)\" '$TX'"
	bench_line "crm-metrics rfm" "$t_rfm" "pandas groupby" \
	    "$(bench_time "$py")"
else
	echo "skipped: python3-pandas not installed"
fi
echo "peak memory of rfm, ${ROWS} rows -> $((ROWS * 2)) rows, same customers (MB):" \
    "$(bench_rss "$rfm") -> $(bench_rss "{ cat '$TX'; tail -n +2 '$TX'; } | '$metrics' rfm")"
feed10="{ cat '$TX'; for i in 2 3 4 5 6 7 8 9 10; do tail -n +2 '$TX'; done; }"
t10=$(RUNS=1 bench_time "$feed10 | '$metrics' rfm")
t10c=$(RUNS=1 bench_time "$feed10")
awk -v a="$t_rfm" -v b="$t10" -v c="$t10c" 'BEGIN {
	printf "scaling: rfm %.2f s for 1x, %.2f s for 10x the rows " \
	    "(%.1fx; feeding the input alone %.2f s)\n", a, b, b / a, c }'
"$metrics" rfm --lifetimes "$TX" > "$DATA/metrics-lt.csv"
n=$(($(wc -l < "$DATA/metrics-lt.csv") - 1))
t_fit=$(bench_time "'$metrics' clv --model bgnbd --params '$DATA/metrics-lt.csv'")
echo "bgnbd fit on $n customers: $t_fit s (bar: 2 s at 100000)"
t_lt=$(bench_time "'$metrics' rfm --lifetimes '$TX'")
echo "rfm --lifetimes (one record per customer and day): $t_lt s"
