# Each value the normaliser cannot read is rejected with its reason.
crm-clean --phone phone --country-column country --reject "$WORK/rej.csv" --report "$WORK/rep.csv" phone-bad.data \
    2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rej.csv" "$WORK/rep.csv"
