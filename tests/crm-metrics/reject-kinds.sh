# Every kind of bad row, from two subcommands, in the one reject shape:
# the input's columns, reason, source, raw.  The reject files read back
# (crm-clean passes them through, crm-metrics nps reads its own after
# the raw rows are mended), and rows in = rows used + rows rejected.
cd "$WORK"
printf 'order_id,customer_id,date,amount\no1,a,2024-01-01,10\no2,b,2024-01-02\no3,c,2024-13-01,5\n,d,2024-01-03,6\no5,e,2024-01-04,"1""0"x\no6,f,2024-01-05,7\0\no7,"g\nG",2024-01-06,8\no8,h,2024-01-07,"9\n' >tx.csv
crm-metrics rfm --reject rfm-rej.csv tx.csv
echo "status $?"
cat rfm-rej.csv
crm-clean rfm-rej.csv >/dev/null && echo "rfm-rej.csv reads back"
printf 'customer_id,score,channel\na,10,web\nb,11,web\nc,x,email\nd,7,web,extra\ne,"9"9,email\nf,0,web\n' >survey.csv
crm-metrics nps --by channel --reject nps-rej.csv survey.csv
echo "status $?"
cat nps-rej.csv
echo "-- the rejected rows, mended by hand, fed back"
{ echo 'customer_id,score,channel'; echo 'b,10,web'; echo 'c,6,email'; echo 'd,7,web'; echo 'e,9,email'; } >mended.csv
crm-metrics nps --by channel survey.csv mended.csv 2>/dev/null || echo "(survey.csv still has its bad rows: stop)"
crm-metrics nps --by channel --skip-bad -q survey.csv mended.csv
