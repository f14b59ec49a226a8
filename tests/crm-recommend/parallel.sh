# top -m is a pure map: shards of a customers file (GNU parallel
# --pipe --header :, put back in order with -k) give the serial bytes.
parallel --will-cite --version 2>/dev/null | grep -q '^GNU parallel' || {
	echo "GNU parallel is not installed: sharded = serial not tested"
	exit 77
}
PARALLEL_HOME="$WORK/parallel-home"
export PARALLEL_HOME
unset PARALLEL
tx=../../samples/transactions.csv
{ echo customer_id; tail -n +2 $tx | cut -d, -f2 | sort -u; } > "$WORK/custs"
crm-recommend train --algo ease -m "$WORK/m" $tx || exit 1
cd "$WORK" || exit 1
crm-recommend top -m m custs > serial.csv
{ head -n 1 serial.csv
  parallel --will-cite --pipe --header : -k -j2 --block 300 \
      'crm-recommend top -m m | tail -n +2' < custs
} > sharded.csv
n=$(parallel --will-cite --pipe --header : -k -j2 --block 300 'head -n 1' \
    < custs | wc -l)
if [ "$(wc -l < serial.csv)" -le 100 ]; then echo "serial run too short"
elif [ "$n" -le 5 ]; then echo "only $n shards"
elif cmp -s serial.csv sharded.csv; then echo "same bytes from many shards"
else echo "differs from the serial run ($n shards)"; fi
