# predict is a pure map: GNU parallel cuts the rows into shards, each
# with the header (--header :), in order (-k); the shards' outputs less
# their repeated headers are the bytes of the serial run.
parallel --will-cite --version 2>/dev/null | grep -q '^GNU parallel' || {
	echo "GNU parallel is not installed: sharded = serial not tested"
	exit 77
}
PARALLEL_HOME="$WORK/parallel-home"
export PARALLEL_HOME
unset PARALLEL
crm-gen churn --rows 5000 --seed 9 -o "$WORK/g.csv" || exit 1
crm-churn train -q --trees 20 --label churned -m "$WORK/f.model" \
    "$WORK/g.csv" || exit 1
crm-churn predict -m "$WORK/f.model" "$WORK/g.csv" > "$WORK/serial.csv"
parallel --will-cite --pipe --header : -k -j2 --block 40k --files \
    crm-churn predict -m "$WORK/f.model" < "$WORK/g.csv" > "$WORK/files.txt"
n=$(wc -l < "$WORK/files.txt")
{ head -n 1 "$WORK/serial.csv"
  for f in $(cat "$WORK/files.txt"); do tail -n +2 "$f"; done
} > "$WORK/sharded.csv"
rm $(cat "$WORK/files.txt")
[ "$n" -gt 5 ] || echo "only $n shards"
cmp "$WORK/serial.csv" "$WORK/sharded.csv" && echo "same bytes from many shards"
