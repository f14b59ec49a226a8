# --reject: bad rows (not a number, ragged, empty) go to the reject file
# with their reason, and the chart is drawn from the rest (2 bars).
printf 'x,y\na,1\nb,zz\nc,3\nd\ne,\n' >"$WORK/in.csv"
crm-plot bar -x x -y y --reject "$WORK/rej.csv" "$WORK/in.csv" \
    >"$WORK/out.svg" 2>"$WORK/err"
echo "status $?"
grep -c '<rect x' "$WORK/out.svg"
sed "s|$WORK/||" "$WORK/rej.csv" "$WORK/err"
