crm-clean --trim=name --lower email --require email --match 'email=\.' \
    --dedup email --keep last --skip-bad -q --report "$WORK/rep.csv" report.data
echo "status $?"
cat "$WORK/rep.csv"
