crm-clean --require email -o "$WORK/out.csv" customers.data
echo "status $?"
ls "$WORK"
crm-clean --trim -o "$WORK/out.csv" customers.data
echo "status $?"
ls "$WORK"
cat "$WORK/out.csv"
