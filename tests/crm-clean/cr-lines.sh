# Lone CR line ends (old Excel for Mac): records split at each CR and
# errors give the true line (issue 7: it said line 1), in linear time
# (bench/b_clean.sh times 200,000 such rows against LF).
cd "$WORK"
printf 'customer_id,name,email\r1,a,a@b.c\r2,b,b@c.d\r3,c\r' | crm-clean
echo "status $?"
printf 'customer_id,name,email\r1,a,a@b.c\r\r2,"b\rB",b@c.d\r3,c\r4,"d,d@e.f\r5,e,e@f.g' |
    crm-clean --reject rej.csv
echo "status $?"
cat rej.csv
