# ask is a pure map, proved through GNU parallel: shards of 3 questions
# (each given the header by --header :) answered apart and put back in
# order (-k) give the bytes of the serial run.  Each shard's output has
# its own header: the header is printed once, from the input's header
# alone, and tail drops the shards' ones.
parallel --will-cite --version 2>/dev/null | grep -q '^GNU parallel' || {
	echo "GNU parallel is not installed: sharded = serial not tested"
	exit 77
}
PARALLEL_HOME="$WORK/parallel-home"
export PARALLEL_HOME
unset PARALLEL
crm-answer index -q -m "$WORK/m" bilingual.csv || exit 1
cd "$WORK" || exit 1
{ echo text; for i in 1 2 3 4; do
  printf '%s\n' 我想退款 快递到哪里了 'where is my parcel' 'size chart' \
      "refund $i" 'hello'
done; } > q.csv
crm-answer ask -m m q.csv > serial.csv || exit 1
{ head -n 1 q.csv | crm-answer ask -m m
  parallel --will-cite --pipe --header : -N 3 -k -j2 \
      'crm-answer ask -m m | tail -n +2' < q.csv
} > sharded.csv
if cmp -s serial.csv sharded.csv; then
	echo "same bytes from $(($(wc -l < q.csv) / 3)) shards"
else echo "differs from the serial run"; fi
