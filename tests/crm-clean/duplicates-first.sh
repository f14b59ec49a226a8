# --duplicates with --keep first: every input row is in the output or in
# the duplicates file (checked by hand: ids 1 and 2 repeat).
printf 'id,name\n1,a\n2,b\n1, c\n3,d\n2,e\n' >"$WORK/in.csv"
crm-clean --dedup id --duplicates "$WORK/dups.csv" "$WORK/in.csv"
echo "-- duplicates"
cat "$WORK/dups.csv"
