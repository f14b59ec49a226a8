# Beyond one machine, proved through GNU parallel itself: it cuts the
# sample data into many shards (--block 1k), gives each the header
# (--header :), each shard's --partial state goes to its own file
# (--files, named in the order of the data: -k), and merge gives the bytes
# of the serial run.  The commands are those of crm(7), BEYOND ONE MACHINE.
parallel --will-cite --version 2>/dev/null | grep -q '^GNU parallel' || {
	echo "GNU parallel is not installed: sharded = serial not tested"
	exit 77
}
# Keep parallel away from the user's ~/.parallel and $PARALLEL options.
PARALLEL_HOME="$WORK/parallel-home"
export PARALLEL_HOME
unset PARALLEL
cp ../../samples/transactions.csv ../../samples/survey.csv "$WORK/"
cd "$WORK" || exit 1

same() { # name serial sharded
	n=$(wc -l < states.txt)
	if [ "$n" -le 5 ]; then echo "$1: only $n shards"
	elif cmp -s "$2" "$3"; then echo "$1: same bytes from many shards"
	else echo "$1: differs from the serial run ($n shards)"; fi
	rm $(cat states.txt)
}

crm-metrics rfm transactions.csv > serial.csv
parallel --will-cite --pipe --header : -k -j2 --block 1k --files \
    crm-metrics rfm --partial < transactions.csv > states.txt
crm-metrics merge rfm $(cat states.txt) > rfm.csv
same rfm serial.csv rfm.csv

crm-metrics summary --period quarter transactions.csv > serial.csv
parallel --will-cite --pipe --header : -k -j2 --block 1k --files \
    crm-metrics summary --period quarter --partial \
    < transactions.csv > states.txt
crm-metrics merge summary --period quarter $(cat states.txt) > summary.csv
same summary serial.csv summary.csv

crm-metrics retention --period quarter --pct transactions.csv > serial.csv
parallel --will-cite --pipe --header : -k -j2 --block 1k --files \
    crm-metrics retention --period quarter --pct --partial \
    < transactions.csv > states.txt
crm-metrics merge retention --period quarter --pct $(cat states.txt) \
    > retention.csv
same retention serial.csv retention.csv

crm-metrics nps --by channel survey.csv > serial.csv
parallel --will-cite --pipe --header : -k -j2 --block 1k --files \
    crm-metrics nps --by channel --partial < survey.csv > states.txt
crm-metrics merge nps --by channel $(cat states.txt) > nps.csv
same nps serial.csv nps.csv
