crm-clean --trim=name --lower email --require email --match 'email=\.' \
    --dedup email --reject "$WORK/rej.csv" --report "$WORK/rep.csv" -v \
    report.data 2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rej.csv" "$WORK/rep.csv"
