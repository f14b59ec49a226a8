# Each row that breaks the schema is rejected with the first violation;
# the others are counted per column.
crm-clean --schema schema.schema --country GB --reject "$WORK/rej.csv" \
    --report "$WORK/rep.csv" schema.data 2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rej.csv" "$WORK/rep.csv"
