#!/bin/sh
# bench/b_clean.sh: crm-clean pass-through and --dedup against Miller,
# csvkit, cat/wc (floors) and sort; memory at 1x and 2x the rows;
# --where/--derive against Miller's filter/put; the normalisers in MB/s.
# Sourced by bench/run.sh (see there for BIN, TX, bench_time, ...); can
# also run alone: BIN=bin ROWS=100000 sh bench/b_clean.sh

if [ -z "${TX:-}" ]; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
	TX=$(bench_data "$ROWS") || exit 0
fi
clean=$BIN/crm-clean
if [ ! -x "$clean" ]; then
	echo "skipped: no $clean"
	return 0 2>/dev/null || exit 0
fi

# Pass-through: the output must be the input, byte for byte.
if "$clean" <"$TX" | cmp -s - "$TX"; then
	echo "check: pass-through output equals the input"
else
	echo "check: pass-through output DIFFERS from the input"
fi
t_pass=$(bench_time "'$clean' <'$TX'")
t_cat=$(bench_time "cat '$TX'")
t_wc=$(bench_time "wc -l <'$TX'")
awk -v c="$t_cat" -v w="$t_wc" \
    'BEGIN { printf "floors: cat %.2f s, wc -l %.2f s\n", c, w }'
bench_line "crm-clean pass-through" "$t_pass" "cat" "$t_cat"
if need mlr miller; then
	bench_line "crm-clean pass-through" "$t_pass" "mlr cat" \
	    "$(bench_time "mlr --icsv --ocsv cat '$TX'")"
fi

# csvkit is Python (about 5 s a million rows): beyond 2M rows, time it on
# a 2M-row slice.
if need csvcut csvkit; then
	n=$ROWS
	[ "$n" -gt 2000000 ] && n=2000000
	slice=$(bench_data "$n")
	t=$t_pass
	if [ "$n" -lt "$ROWS" ]; then
		echo "(csvcut on a $n-row slice, both timed on it)"
		t=$(bench_time "'$clean' <'$slice'")
	fi
	bench_line "crm-clean pass-through" "$t" \
	    "csvcut -c 1-5" "$(bench_time "csvcut -c 1-5 '$slice'")"
fi

# Exact dedup on customer_id (column 2).  cut|sort -u and sort -u do not
# parse CSV and do not keep the input order; crm-clean does both.
want=$(cut -d, -f2 "$TX" | sort -u | wc -l)
got=$("$clean" --dedup customer_id <"$TX" | wc -l)
if [ "$got" -eq "$want" ]; then
	echo "check: --dedup customer_id keeps $((got - 1)) rows, as sort -u"
else
	echo "check: --dedup customer_id keeps $((got - 1)) rows," \
	    "sort -u $((want - 1))"
fi
t_dedup=$(bench_time "'$clean' --dedup customer_id <'$TX'")
bench_line "crm-clean --dedup" "$t_dedup" "cut -d, -f2 | sort -u" \
    "$(bench_time "cut -d, -f2 '$TX' | sort -u")"
bench_line "crm-clean --dedup" "$t_dedup" "sort -t, -k2,2 -u" \
    "$(bench_time "sort -t, -k2,2 -u '$TX'")"
echo "(LC_ALL=C; sort neither parses CSV quoting nor keeps the input order)"

# Memory: twice the rows (the file read twice, same keys) should not
# need more memory, for pass-through nor for dedup (distinct keys only).
echo "peak memory, ${ROWS} rows -> $((ROWS * 2)) rows (MB):"
echo "  pass-through: $(bench_rss "'$clean' <'$TX'")" \
    "-> $(bench_rss "cat '$TX' '$TX' | '$clean'")"
echo "  --dedup customer_id:" \
    "$(bench_rss "'$clean' --dedup customer_id <'$TX'")" \
    "-> $(bench_rss "cat '$TX' '$TX' | '$clean' --dedup customer_id")"
if need mlr miller; then
	echo "  mlr cat: $(bench_rss "mlr --icsv --ocsv cat '$TX'")"
fi

# --where and --derive against Miller's filter then put (the same rows
# and the same numbers: the outputs are compared byte for byte).
expr_where='amount > 10'
expr_derive='net=amount*0.8'
if need mlr miller; then
	mlr_expr="mlr --icsv --ocsv filter '\$amount > 10' then put '\$net = \$amount * 0.8' '$TX'"
	_m=$(mktemp "${TMPDIR:-/tmp}/bench.XXXXXX")
	sh -c "$mlr_expr" >"$_m"
	if "$clean" --where "$expr_where" --derive "$expr_derive" <"$TX" |
	    cmp -s - "$_m"; then
		echo "check: --where/--derive output equals mlr filter then put"
	else
		echo "check: --where/--derive output DIFFERS from mlr"
	fi
	rm -f "$_m"
	bench_line "crm-clean --where --derive" \
	    "$(bench_time "'$clean' --where '$expr_where' --derive '$expr_derive' <'$TX'")" \
	    "mlr filter then put" "$(bench_time "$mlr_expr")"
fi

# Normalisers, in MB/s of input: --date and --amount on the transactions;
# --email, --phone and --name on the sample customers repeated to the
# size of the transactions (--flag keeps the rows they refuse).
mbs() { # name seconds file
	awk -v name="$1" -v t="$2" -v b="$(wc -c <"$3")" 'BEGIN {
		if (t !~ /^[0-9.]+$/ || t + 0 == 0) printf "%s: %s s\n", name, t
		else printf "%s: %.2f s, %.0f MB/s\n", name, t, b / 1e6 / t }'
}
mbs "crm-clean --date --amount" \
    "$(bench_time "'$clean' --date date --amount amount <'$TX'")" "$TX"
cust="$DATA/customers-$ROWS.csv"
if [ ! -s "$cust" ]; then
	samp="$bench_top/samples/customers.csv"
	head -n 1 "$samp" >"$cust"
	awk -v rows="$ROWS" 'NR > 1 { l[n++] = $0 } END {
		for (i = 0; i < rows; i++) print l[i % n] }' "$samp" >>"$cust"
fi
mbs "crm-clean --email --phone --name" "$(bench_time "'$clean' --email email \
    --phone phone --country-column country --name name --flag <'$cust'")" \
    "$cust"
mbs "(the same customers passed through)" \
    "$(bench_time "'$clean' <'$cust'")" "$cust"
