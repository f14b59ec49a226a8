# Every change a normaliser makes is counted per column in the report
# (changed), as are the cells filled and the outliers flagged; rows in =
# out + rejected + duplicates + filtered.
crm-clean --name name --email email --phone phone --country-column country \
    --fill city=Unknown --skip-bad --report "$WORK/rep.csv" -v \
    -o "$WORK/out.csv" ../../samples/customers.csv 2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rep.csv"
