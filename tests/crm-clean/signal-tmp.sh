# A deadly signal (SIGTERM, SIGHUP, SIGPIPE) while crm-clean writes -o,
# --reject and --duplicates removes their temporary files, and the
# program dies of the signal (status 128 + its number).  The input is a
# FIFO that is held open, so the program is mid-stream when killed.
# (SIGINT, which a shell's background job ignores, is tested in
# tests/unit/test_outfile.c.)
cd "$WORK"
crm-gen transactions --rows 2000 --seed 3 >rows.csv
for sig in TERM HUP PIPE; do
	rm -f in.fifo
	mkfifo in.fifo
	crm-clean --dedup customer_id --duplicates dup.csv --reject rej.csv \
	    -o out.csv in.fifo &
	pid=$!
	exec 3>in.fifo
	cat rows.csv >&3
	n=0
	until [ -n "$(ls out.csv.tmp* 2>/dev/null)" ] &&
	    [ -n "$(ls dup.csv.tmp* 2>/dev/null)" ] || [ $n -ge 200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	echo "$sig: $(ls | grep -c tmp) temporary files while running"
	kill -s "$sig" $pid
	wait $pid 2>/dev/null
	echo "$sig: status $?"
	exec 3>&-
	ls
done
# --fill on the standard input copies it to TMPDIR for its first pass:
# that copy goes on a signal too.
mkdir spool
rm -f in.fifo
mkfifo in.fifo
TMPDIR=$WORK/spool crm-clean --fill amount=median -o out.csv <in.fifo &
pid=$!
exec 3>in.fifo
cat rows.csv >&3
n=0
until [ -n "$(ls spool)" ] || [ $n -ge 200 ]; do
	sleep 0.05
	n=$((n + 1))
done
echo "fill: $(ls spool | grep -c crm-clean) stdin copy while running"
kill -s TERM $pid
wait $pid 2>/dev/null
echo "fill: status $?"
exec 3>&-
ls spool
echo "fill: $(ls | grep -c tmp) temporary files"
