crm-clean --match 'email=^[^@ ]+@[^@ ]+$' --reject "$WORK/rej.csv" customers.data
echo "status $?"
cat "$WORK/rej.csv"
