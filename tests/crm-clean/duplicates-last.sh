# --duplicates with --keep last: the rows replaced by a later one of their
# key, as cleaned (trimmed); output in the order of the last occurrences,
# as pandas drop_duplicates(keep='last') gives.
printf 'id,name\n1,a \n2,b\n 1, c\n3,d\n2,e\n' >"$WORK/in.csv"
crm-clean --trim --dedup id --keep last --duplicates "$WORK/dups.csv" \
    "$WORK/in.csv"
echo "-- duplicates"
cat "$WORK/dups.csv"
