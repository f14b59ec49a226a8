# apply: a kmeans model and an rfm model saved with -m give, applied to
# the same rows, the bytes of the run that fitted them (also gzip model
# files); new rows beyond the fitted values get the end scores; a missing
# column, another program's model, a truncated or corrupted model and a
# model of an algorithm that does not apply are clear errors (exit 2).
r=../../samples/transactions.csv
crm-metrics rfm "$r" > "$WORK/rfm.csv"
crm-segment kmeans -c recency,frequency,monetary_total \
    --log frequency,monetary_total -k 4 -m "$WORK/k.model" \
    "$WORK/rfm.csv" > "$WORK/fit.csv"
crm-segment apply -m "$WORK/k.model" "$WORK/rfm.csv" | cmp -s - "$WORK/fit.csv" &&
    echo "kmeans: apply = fit"
crm-segment kmeans -c recency,frequency,monetary_total \
    --log frequency,monetary_total -k 4 -m "$WORK/k.model.gz" \
    "$WORK/rfm.csv" > /dev/null
crm-segment apply -m "$WORK/k.model.gz" "$WORK/rfm.csv" |
    cmp -s - "$WORK/fit.csv" && echo "kmeans, gzip model: apply = fit"
crm-segment rfm -m "$WORK/r.model" "$WORK/rfm.csv" > "$WORK/rfit.csv"
crm-segment apply -m "$WORK/r.model" "$WORK/rfm.csv" | cmp -s - "$WORK/rfit.csv" &&
    echo "rfm: apply = fit"
# new customers beyond the fitted values: the top and bottom scores
printf 'customer_id,recency,frequency,monetary_total\nN1,2,30,2000\nN2,600,1,5\n' |
    crm-segment apply -m "$WORK/r.model"
# errors
printf 'customer_id,recency\nx,1\n' | crm-segment apply -m "$WORK/k.model" 2>&1
echo "exit $?"
crm-metrics clv --algo bgnbd -m "$WORK/clv.model" "$r" > /dev/null
crm-segment apply -m "$WORK/clv.model" "$WORK/rfm.csv" 2>&1 | sed "s|$WORK/||"
head -c 200 "$WORK/k.model" > "$WORK/trunc.model"
crm-segment apply -m "$WORK/trunc.model" "$WORK/rfm.csv" 2>&1 | sed "s|$WORK/||"
sed 's/^kmeans.k .*/kmeans.k 5/' "$WORK/k.model" > "$WORK/bad.model"
crm-segment apply -m "$WORK/bad.model" "$WORK/rfm.csv" 2>&1 | sed "s|$WORK/||"
crm-segment apply -m "$WORK/none.model" "$WORK/rfm.csv" 2>&1 | sed "s|$WORK/||"
