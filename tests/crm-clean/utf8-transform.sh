crm-clean --trim --upper name --match 'name=^[A-Z ]+$' --reject "$WORK/r.csv" utf8.data 2>"$WORK/err"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/r.csv"
