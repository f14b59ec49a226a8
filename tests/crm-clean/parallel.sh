# Beyond one machine, proved through GNU parallel itself: crm-clean is a
# pure map, so shards of the input (--block 1k, each given the header by
# --header :) cleaned apart and put back in order (-k) give the bytes of
# the serial run.  Each shard's output has its own header: the header is
# printed once, from the input's header alone, and tail drops the
# shards' ones.  The commands are those of crm(7), BEYOND ONE MACHINE.
parallel --will-cite --version 2>/dev/null | grep -q '^GNU parallel' || {
	echo "GNU parallel is not installed: sharded = serial not tested"
	exit 77
}
# Keep parallel away from the user's ~/.parallel and $PARALLEL options.
PARALLEL_HOME="$WORK/parallel-home"
export PARALLEL_HOME
unset PARALLEL
cp ../../samples/customers.csv "$WORK/"
cd "$WORK" || exit 1

crm-clean --trim --lower email customers.csv > serial.csv
{ head -n 1 customers.csv | crm-clean --trim --lower email
  parallel --will-cite --pipe --header : -k -j2 --block 1k \
      'crm-clean --trim --lower email | tail -n +2' < customers.csv
} > clean.csv

# The same cut, seen from inside: every shard starts with the header.
parallel --will-cite --pipe --header : -k -j2 --block 1k 'head -n 1' \
    < customers.csv > heads.txt
n=$(wc -l < heads.txt)
if [ "$(sort -u heads.txt)" != "$(head -n 1 customers.csv)" ]; then
	echo "a shard does not start with the header"
elif [ "$n" -le 5 ]; then echo "only $n shards"
elif cmp -s serial.csv clean.csv; then echo "same bytes from many shards"
else echo "differs from the serial run ($n shards)"; fi
