# The report counts the cells hashed, masked (in the rows written) and
# prefixed by --excel-safe.
crm-clean --hash email --salt s --mask card --excel-safe \
    --report "$WORK/rep.csv" pii.data >/dev/null
echo "status $?"
cat "$WORK/rep.csv"
