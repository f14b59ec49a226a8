# From simulated transactions: rfm --lifetimes | clv --algo bgnbd fits
# the same as clv on the transactions directly; a saved model (-m)
# reused with --use gives the same predictions.
sim-bgnbd -n 5000 -s 3 > "$WORK/tx.csv"
crm-metrics rfm --lifetimes --freq-multiplier 7 "$WORK/tx.csv" > "$WORK/lt.csv"
crm-metrics clv --algo bgnbd --spend gammagamma --freq-multiplier 7 \
    --horizon 26 -m "$WORK/m" "$WORK/tx.csv" > "$WORK/a.csv"
crm-metrics clv --algo bgnbd --spend gammagamma --freq-multiplier 7 \
    --horizon 26 "$WORK/lt.csv" > "$WORK/b.csv"
crm-metrics clv --use "$WORK/m" --spend gammagamma --freq-multiplier 7 \
    --horizon 26 "$WORK/lt.csv" > "$WORK/c.csv"
cmp "$WORK/a.csv" "$WORK/b.csv" && echo "transactions = summary"
cmp "$WORK/a.csv" "$WORK/c.csv" && echo "saved model = fit"
head -1 "$WORK/a.csv"
crm-metrics clv --use "$WORK/m" --freq 7 "$WORK/lt.csv" 2>&1 >/dev/null
crm-metrics clv --use "$WORK/lt.csv" "$WORK/lt.csv" 2>&1 | sed 's/: .*: /: FILE: /'
