crm-clean --match 'email=^[^@ ]+@[^@ ]+$' --reject "$WORK/rej.csv" customers.data 2>"$WORK/err"
sed "s|$WORK/||" "$WORK/err" >&2
echo "status $?"
cat "$WORK/rej.csv"
