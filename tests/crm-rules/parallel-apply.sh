# apply is a pure map on --baskets input: shards of the baskets (GNU
# parallel --pipe, one basket a line, no header) given the cross-sell
# lists apart and put back in order (-k) are the bytes of the serial run.
parallel --will-cite --version 2>/dev/null | grep -q '^GNU parallel' || {
	echo "GNU parallel is not installed: sharded = serial not tested"
	exit 77
}
PARALLEL_HOME="$WORK/parallel-home"
export PARALLEL_HOME
unset PARALLEL
cd "$WORK" || exit 1
awk 'BEGIN { srand(11)
	for (b = 1; b <= 3000; b++) {
		n = 1 + int(rand() * rand() * 8); line = ""
		for (k = 0; k < n; k++)
			line = line (k ? "," : "") "p" int(rand() * rand() * 25)
		print line
	} }' > baskets.csv
crm-rules --baskets --no-header --min-support 0.01 --min-confidence 0.2 \
    baskets.csv > rules.csv
crm-rules apply --baskets --no-header --rules rules.csv -n 3 baskets.csv \
    > serial.csv
{ head -n 1 serial.csv
  parallel --will-cite --pipe -k -j2 --block 4k \
      'crm-rules apply --baskets --no-header --rules rules.csv -n 3 |
       tail -n +2' < baskets.csv
} > sharded.csv
n=$(parallel --will-cite --pipe -k -j2 --block 4k 'echo x' < baskets.csv |
    wc -l)
rows=$(wc -l < serial.csv)
if [ "$n" -le 3 ]; then echo "only $n shards"
elif [ "$rows" -le 1000 ]; then echo "only $rows rows"
elif cmp -s serial.csv sharded.csv; then echo "same bytes from many shards"
else echo "differs from the serial run ($n shards)"; fi
