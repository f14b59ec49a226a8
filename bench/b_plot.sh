#!/bin/sh
# bench/b_plot.sh: crm-plot hist of every amount (Freedman-Diaconis
# bins, quartiles by selection) against Miller's histogram --auto, and
# scatter of every row (a 5,000-point sample drawn); the size of each
# SVG.  Sourced by bench/run.sh (see there for BIN, TX, bench_time,
# ...); can also run alone: BIN=bin ROWS=100000 sh bench/b_plot.sh

if [ -z "${TX:-}" ]; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
	TX=$(bench_data "$ROWS") || exit 0
fi
plot=$BIN/crm-plot
if [ ! -x "$plot" ]; then
	echo "skipped: no $plot"
	return 0 2>/dev/null || exit 0
fi
# crm-gen: order_id,customer_id,date,amount,item
hist="'$plot' hist -x amount '$TX'"
scat="'$plot' scatter -x amount -y amount '$TX'"
sh -c "$hist" >"$DATA/plot-hist.svg"
echo "check: hist of $ROWS amounts: $(grep -o 'n = [^<]*' \
    "$DATA/plot-hist.svg"), $(wc -c <"$DATA/plot-hist.svg") bytes of SVG"
sh -c "$scat" >"$DATA/plot-scatter.svg"
echo "check: scatter of $ROWS rows: $(grep -c '<circle' \
    "$DATA/plot-scatter.svg") points drawn," \
    "$(wc -c <"$DATA/plot-scatter.svg") bytes of SVG"
rm -f "$DATA/plot-hist.svg" "$DATA/plot-scatter.svg"
t_hist=$(bench_time "$hist")
if need mlr miller; then
	bench_line "crm-plot hist (SVG)" "$t_hist" \
	    "mlr histogram --auto (counts only)" \
	    "$(bench_time "mlr --icsv --ocsv histogram -f amount --auto --nbins 20 '$TX'")"
else
	echo "crm-plot hist: $t_hist s"
fi
echo "crm-plot scatter, 5,000 of $ROWS points sampled:" \
    "$(bench_time "$scat" | awk '{ printf "%.2f", $1 }') s"
echo "crm-plot hist, peak memory: $(bench_rss "$hist") MB"
