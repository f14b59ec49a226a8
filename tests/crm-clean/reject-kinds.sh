# Every kind of bad row lands in one rectangular reject file: a row that
# parsed keeps its fields (raw empty); a row that did not (too many or
# too few fields, text after a closing quote, a NUL byte, an unterminated
# quote) has empty fields and its exact text in raw, quoted newlines
# included.  crm-clean reads the reject file back, row for row, and rows
# in = rows out + rows rejected.
cd "$WORK"
printf 'id,name,email\n1,Ann,a@x\n2,Bob,b@x,extra\n3,Cy\n"4"x,Dee,d@x\n5,E\0ve,e@x\n6,,f@x\n7,"Gil\nGilbert",g@x\n8,"Hal,h@x\n9,Ivy,i@x\n' >in.csv
crm-clean --require name --reject rej.csv in.csv
echo "status $?"
echo "-- rejected"
cat rej.csv
echo "-- read back"
crm-clean rej.csv
echo "status $?"
echo "-- empty input: an empty reject file, as -o gives an empty output"
rm -f rej.csv
crm-clean --reject rej.csv -o out.csv </dev/null
echo "status $?"
wc -c <rej.csv
wc -c <out.csv
