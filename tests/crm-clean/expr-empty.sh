# Every kind of bad value in an expression goes to the reject file with
# its reason; the counts add up (rows in = out + rejected).
crm-clean --where 'a + s > 1' --reject "$WORK/rej.csv" --report "$WORK/rep.csv" \
    expr.data 2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rej.csv" "$WORK/rep.csv"
