crm-clean --trim=name --lower email --require email --match 'email=\.' \
    --dedup email --reject "$WORK/rej.csv" --report "$WORK/rep.csv" -v report.data
echo "status $?"
cat "$WORK/rej.csv" "$WORK/rep.csv"
