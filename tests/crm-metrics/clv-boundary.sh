# A fit that runs to a boundary says so on stderr and in --params, with
# the likely cause: 60 customers who all keep buying every few days to
# the end of the data leave BG/NBD no one who dropped out (a -> 0,
# b -> infinity).  The sample shop's fits are sound: no note.
awk 'BEGIN { print "customer_id,date,amount"
	for (c = 0; c < 60; c++)
		for (d = c % 20; d < 200; d += 3 + (c * 7 + d * 13) % 17)
			printf "c%d,%s,%d\n", c, day(d), 5 + (c * 31 + d) % 45 }
function day(n,  m, len) {
	split("31 29 31 30 31 30 31 31 30 31 30 31", len, " ")
	for (m = 1; n >= len[m]; m++) n -= len[m]
	return sprintf("2024-%02d-%02d", m, n + 1) }' > "$WORK/alive.csv"
crm-metrics clv --algo bgnbd --params "$WORK/alive.csv" 2> "$WORK/err" |
    awk -F, '$2 == "boundary" || $2 == "customers"'
sed 's/(r [^)]*)/(PARAMETERS)/' "$WORK/err"
crm-metrics clv --algo bgnbd --spend gammagamma --freq W --params \
    ../../samples/transactions.csv | grep -c boundary || :
