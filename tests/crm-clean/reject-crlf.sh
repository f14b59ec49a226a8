# A record that does not parse, in a CRLF file, goes to the reject file
# as its raw text without the line end, and reading goes on.
printf 'a,b\r\n1,"x\r\ny"\r\n"2"z,3\r\n4,5\r\n' >"$WORK/in.csv"
crm-clean --reject "$WORK/rej.csv" "$WORK/in.csv"
echo "-- rejected"
cat "$WORK/rej.csv"
