# A stray quote takes only its own line (issue 7): the record is
# rejected as the line where the quote opens (raw holds that line) and
# reading resumes at the next line; the report counts every record.
# A legal quoted field over several lines still reads as one record.
cd "$WORK"
(echo customer_id,name,email; echo '1,"abc,a@b.c'; seq 2 1000 |
    sed 's/$/,n,u@x.y/') >in.csv
crm-clean --skip-bad --report rep.csv in.csv >out.csv
echo "status $?"
wc -l <out.csv
cat rep.csv
crm-clean --reject rej.csv in.csv | sed -n '1,3p;$p'
cat rej.csv
echo "-- a quote closed on a later line, then text"
printf 'id,note\n1,"a\n2,b"c\n3,d\n4,"multi\nline, ""fine"""\n' >in2.csv
crm-clean -q --reject rej2.csv in2.csv
echo "status $?"
cat rej2.csv
