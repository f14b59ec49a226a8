# Each value the normaliser cannot read is rejected with its reason.
crm-clean --email email --email-canonical --reject "$WORK/rej.csv" --report "$WORK/rep.csv" email-bad.data \
    2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rej.csv" "$WORK/rep.csv"
