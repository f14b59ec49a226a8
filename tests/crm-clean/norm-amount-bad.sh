# Each value the normaliser cannot read is rejected with its reason.
crm-clean --amount amount --reject "$WORK/rej.csv" --report "$WORK/rep.csv" amount-bad.data \
    2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rej.csv" "$WORK/rep.csv"
