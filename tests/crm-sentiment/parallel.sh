# score and predict are pure maps: shards of the input cut by GNU
# parallel (--pipe --header :, blocks of 2k) and put back in order give
# the bytes of the serial run.
parallel --will-cite --version 2>/dev/null | grep -q '^GNU parallel' || {
	echo "GNU parallel is not installed: sharded = serial not tested"
	exit 77
}
PARALLEL_HOME="$WORK/parallel-home"
export PARALLEL_HOME
unset PARALLEL
d="$PWD"
cd "$WORK" || exit 1
awk 'NR == 1 || FNR > 1' "$d/train.csv" "$d/train.csv" "$d/train.csv" \
    "$d/train.csv" "$d/train.csv" > in.csv
crm-sentiment train -m m.model "$d/train.csv" || exit 1
for cmd in "score" "predict -m m.model"; do
	crm-sentiment $cmd in.csv > serial.csv
	{ head -n 1 in.csv | crm-sentiment $cmd
	  parallel --will-cite --pipe --header : -k -j2 --block 2k \
	      "crm-sentiment $cmd | tail -n +2" < in.csv
	} > sharded.csv
	n=$(parallel --will-cite --pipe --header : -k -j2 --block 2k \
	    'head -n 1' < in.csv | wc -l)
	if [ "$n" -le 3 ]; then echo "$cmd: only $n shards"
	elif cmp -s serial.csv sharded.csv; then
		echo "$cmd: same bytes from many shards"
	else echo "$cmd: differs from the serial run"; fi
done
