# The same bytes (rows, profile, model) for two runs with the same seed,
# with 1 and 2 threads, with one restart (the passes on threads) and ten
# (the restarts on threads); Lloyd and Elkan give the bytes of Hamerly;
# another seed is still a valid run (no equality asked, only a full
# output).
crm-metrics rfm ../../samples/transactions.csv > "$WORK/rfm.csv"
run() { # name, arguments
	n=$1; shift
	crm-segment kmeans -q -k 6 -c recency,frequency,monetary_total \
	    --log frequency,monetary_total --profile "$WORK/$n.prof" \
	    -m "$WORK/$n.model" "$@" "$WORK/rfm.csv" > "$WORK/$n.csv"
	cat "$WORK/$n.prof" "$WORK/$n.model" >> "$WORK/$n.csv"
}
run a --threads 1
run b --threads 1
run c --threads 2
run d --threads 2 --n-init 1
run e --threads 1 --n-init 1
run f --threads 2 --algo lloyd
run h --threads 2 --algo elkan
cmp -s "$WORK/a.csv" "$WORK/b.csv" && echo "two runs: same bytes"
cmp -s "$WORK/a.csv" "$WORK/c.csv" && echo "1 and 2 threads: same bytes"
cmp -s "$WORK/d.csv" "$WORK/e.csv" &&
    echo "one restart, 1 and 2 threads: same bytes"
cmp -s "$WORK/a.csv" "$WORK/f.csv" &&
    echo "lloyd: the bytes of hamerly"
cmp -s "$WORK/a.csv" "$WORK/h.csv" &&
    echo "elkan: the bytes of hamerly"
run g --seed 7
awk 'END { print NR " lines with seed 7" }' "$WORK/g.csv"
