# --outliers-reject: the rows outside the IQR bounds (Q1 2.75, Q3 8.25,
# so -5.5 to 16.5) are rejected with the bounds in the reason.
crm-clean --outliers amount --outliers-reject --reject "$WORK/rej.csv" \
    --report "$WORK/rep.csv" stats.data 2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rej.csv" "$WORK/rep.csv"
