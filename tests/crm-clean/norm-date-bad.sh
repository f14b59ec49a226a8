# Each value the normaliser cannot read is rejected with its reason.
crm-clean --date date --date-format %m/%d/%Y --reject "$WORK/rej.csv" --report "$WORK/rep.csv" date-bad.data \
    2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rej.csv" "$WORK/rep.csv"
