# Exact sums that leave the 64.64 range (|sum| >= 2^63) are an error,
# never a wrapped figure with exit 0: rfm (streaming and from the log),
# summary, clv, the lifetimes summary, and merge of two shards whose sum
# overflows only when added.
# 12,000 rows of 10^15 - 1 on six days: no day's sum overflows, the
# total (and the four repeat days of the lifetimes summary) does.
(echo customer_id,date,amount; for d in 1 2 3 4 5 6; do
	yes c1,2023-01-0$d,999999999999999 | head -2000; done) > "$WORK/big.csv"
for args in rfm "rfm --repeat" summary clv "rfm --lifetimes"; do
	crm-metrics $args -q "$WORK/big.csv" > "$WORK/out.csv" 2> "$WORK/err"
	echo "$args: exit $? $(cat "$WORK/err") ($(wc -c < "$WORK/out.csv") bytes out)"
done
(echo customer_id,date,amount; yes c1,2023-01-02,999999999999999 |
    head -6000) > "$WORK/a.csv"
crm-metrics rfm --partial "$WORK/a.csv" > "$WORK/a.state"
crm-metrics merge rfm "$WORK/a.state" "$WORK/a.state"; echo "merge: exit $?"
crm-metrics merge rfm "$WORK/a.state"; echo "merge one shard: exit $?"
