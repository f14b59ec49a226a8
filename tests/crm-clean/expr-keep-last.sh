# --keep last writes the last row of each key with its derived columns,
# and --duplicates gets the rows replaced, in the output's columns.
printf 'k,v\na,1\nb,2\na,3\nb,4\nc,5\n' |
crm-clean --dedup k --keep last --derive 'w=v*10' --derive 'v=v+100' \
    --select k,w,v --duplicates "$WORK/dup.csv"
echo "status $?"
cat "$WORK/dup.csv"
