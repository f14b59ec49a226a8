# ALS: the loss (kept by train in the model, als.loss) falls at every
# iteration, and a fixed seed gives the same model file and the same
# top-N bytes with 1 and with 2 threads.
tx=../../samples/transactions.csv
crm-recommend train --algo als --factors 8 --iterations 12 --threads 1 \
    -m "$WORK/m1" $tx || exit 1
crm-recommend train --algo als --factors 8 --iterations 12 --threads 2 \
    -m "$WORK/m2" $tx || exit 1
cmp -s "$WORK/m1" "$WORK/m2" && echo "model: same bytes with 1 and 2 threads"
grep '^als.loss ' "$WORK/m1" | tr ' ' '\n' | tail -n +3 |
    awk 'NR > 1 && !($1 < prev) { bad = 1; print "loss rose at " NR ": " prev " -> " $1 }
	{ prev = $1; n++ }
	END { if (!bad && n == 12) print "loss falls at each of " n " iterations" }'
crm-recommend top --algo als --factors 8 --iterations 12 --threads 1 $tx \
    > "$WORK/t1"
crm-recommend top --algo als --factors 8 --iterations 12 --threads 2 $tx \
    > "$WORK/t2"
cmp -s "$WORK/t1" "$WORK/t2" && echo "top: same bytes with 1 and 2 threads"
cmp -s "$WORK/t1" /dev/null || echo "top: not empty"
# the exact (Cholesky) solves reach a lower loss than 1 CG step
crm-recommend train --algo als --factors 8 --iterations 4 --cg-steps 0 \
    -m "$WORK/m3" $tx || exit 1
crm-recommend train --algo als --factors 8 --iterations 4 --cg-steps 1 \
    -m "$WORK/m4" $tx || exit 1
a=$(grep '^als.loss ' "$WORK/m3" | awk '{ print $NF }')
b=$(grep '^als.loss ' "$WORK/m4" | awk '{ print $NF }')
awk -v a="$a" -v b="$b" 'BEGIN { print (a < b ? "exact below one CG step" : "exact " a " not below CG " b) }'
