# A record that does not parse, in a CRLF file, goes to the reject file
# as its raw text without the line end, and reading goes on.
cd "$WORK"
printf 'a,b\r\n1,"x\r\ny"\r\n"2"z,3\r\n4,5\r\n' >in.csv
crm-clean --reject rej.csv in.csv
echo "-- rejected"
cat rej.csv
