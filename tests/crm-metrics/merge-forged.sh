# merge range-checks every value of a state file, with its file and line:
# rows that would wrap at 2^32, amounts beyond 10^15 a row, poisoned
# sums, bad days, foreign rows; survey periods outside the years
# 0..9999 (or not 0 without --period), scores off the scale, counts
# that would overflow.
H=crm_metrics_state,customer,group,day,order,rows,amount_hi,amount_lo
t() { # name, then state rows; merge rfm and print the message
	printf '%s\n' "$H" > "$WORK/$1"
	shift_name=$1; shift
	printf '%s\n' "$@" >> "$WORK/$shift_name"
	(cd "$WORK" && crm-metrics merge rfm "$shift_name"); echo "exit $?"
}
t wrap tx,c,,2024-01-01,,4294967295,1,0 tx,c,,2024-01-01,,1,1,0
t rows tx,c,,2024-01-01,,4294967296,1,0
t zero tx,c,,2024-01-01,,0,1,0
t amount tx,c,,2024-01-01,,2,2000000000000000,0
t poison tx,c,,2024-01-01,,1,-9223372036854775808,0
t half tx,c,,2024-01-01,,1,,5
t mixed tx,c,,2024-01-01,,1,1,0 tx,d,,2024-01-01,,1,,
t day tx,c,,2024-13-01,,1,1,0
t kind nps,c,,2024-01-01,,1,1,0
t nocust tx,,,2024-01-01,,1,1,0
S=crm_metrics_state,group,period,score,count
s() { # name, options, rows
	printf '%s\n' "$S" > "$WORK/$1"
	n=$1 opts=$2; shift 2
	printf '%s\n' "$@" >> "$WORK/$n"
	(cd "$WORK" && crm-metrics merge nps $opts "$n"); echo "exit $?"
}
s period "--period month" survey,,9223372036854775807,9,1
s noperiod "" survey,,5,9,1
s score "" survey,,0,11,1
s count "" survey,,0,9,9223372036854775807 survey,,0,10,1
s ok "--period year" survey,,2024,9,3 survey,,2024,0,1
# The span row (first and last days of the answers, for the partial
# column): checked like the rest; without one, partial is empty above.
s span-ok "--period year" span,,2024-01-01,2024-06-30, survey,,2024,9,3 \
    survey,,2024,0,1
s span-date "--period year" span,,2024-02-30,2024-06-30,
s span-reversed "--period year" span,,2024-06-30,2024-01-01,
s span-group "--period year" span,web,2024-01-01,2024-06-30,
s span-count "--period year" span,,2024-01-01,2024-06-30,3
