# --reject: the rows with a bad feature go to the reject file with their
# reason and line; rows in = rows out + rows rejected.
cp kmeans-nan.in.csv kmeans-blank.in.csv "$WORK/"
cd "$WORK" || exit 1
crm-segment kmeans -q -k 1 -c x,y --reject rej.csv kmeans-nan.in.csv
cat rej.csv
crm-segment kmeans -k 2 -c x,y --reject rej2.csv kmeans-blank.in.csv
cat rej2.csv
