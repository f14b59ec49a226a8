# apply is a pure map: shards of the input (GNU parallel --pipe --header,
# blocks of 2k) applied apart and put back in order give the bytes of
# the serial run, for a kmeans and an rfm model.
parallel --will-cite --version 2>/dev/null | grep -q '^GNU parallel' || {
	echo "GNU parallel is not installed: sharded = serial not tested"
	exit 77
}
PARALLEL_HOME="$WORK/parallel-home"
export PARALLEL_HOME
unset PARALLEL
crm-metrics rfm ../../samples/transactions.csv > "$WORK/rfm.csv"
cd "$WORK" || exit 1
crm-segment kmeans -q -k 5 -c recency,frequency,monetary_total \
    --log frequency,monetary_total -m k.model rfm.csv > /dev/null
crm-segment rfm -m r.model rfm.csv > /dev/null
for m in k.model r.model; do
	crm-segment apply -m $m rfm.csv > serial.csv
	{ head -n 1 rfm.csv | crm-segment apply -m $m
	  parallel --will-cite --pipe --header : -k -j2 --block 2k \
	      "crm-segment apply -m $m | tail -n +2" < rfm.csv
	} > sharded.csv
	n=$(parallel --will-cite --pipe --header : -k -j2 --block 2k \
	    'head -n 1' < rfm.csv | wc -l)
	if [ "$n" -le 3 ]; then echo "$m: only $n shards"
	elif cmp -s serial.csv sharded.csv; then
		echo "$m: same bytes from many shards"
	else echo "$m: differs from the serial run"; fi
done
