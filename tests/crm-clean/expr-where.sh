# --where keeps the rows where it is true; the others are filtered, not
# bad: they go to --filtered as read and are counted, and rows in =
# out + rejected + duplicates + filtered.  The rows with an empty s are
# kept (is_empty), rows a < 0 filtered, rows 'x' in b rejected.
printf 'id,a,b,s\n1,5,1,x\n2,-1,2,y\n3,7,x,\n4,-2,3,  \n5,9,4,z\n6,9,4,z\n' |
crm-clean --where 'a > 0 and (b > 1 or is_empty(s))' --filtered "$WORK/f.csv" \
    --dedup a,b --reject "$WORK/rej.csv" --report "$WORK/rep.csv" -v \
    2>"$WORK/err"
echo "status $?"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/f.csv" "$WORK/rej.csv" "$WORK/rep.csv"
