crm-clean --trim --upper name --match 'name=^[A-Z ]+$' --reject "$WORK/r.csv" utf8.data
cat "$WORK/r.csv"
