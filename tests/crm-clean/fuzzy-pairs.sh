# --pairs: the scored candidate pairs; --cluster-col names the id column;
# a header with spaces after the commas is matched by trimmed names.
sed 's/,/, /g' fuzzy-planted.in.csv >"$WORK/spaced.csv"
crm-clean --fuzzy name,email:email,phone,birth_date --cluster-col group \
    --pairs "$WORK/pairs.csv" "$WORK/spaced.csv" | cut -d, -f1,7
cat "$WORK/pairs.csv"
