# --reject: the row with invalid UTF-8 goes to the reject file with its
# reason; rows in = rows out + rows rejected
cp bad-utf8.in.csv "$WORK/in.csv"
cd "$WORK" || exit 1
crm-sentiment score --reject rej.csv in.csv
echo "status $?"
cat rej.csv
