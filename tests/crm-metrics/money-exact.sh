# Sums of money are exact: the same customer's total prints the same in
# every subcommand (0.1 + 0.2 + 0.3 is 0.6, not 0.6000000000000001, and
# 1081.18 + 1078.18 + 1078.18 is 3237.54).
printf 'customer_id,date,amount\na,2024-01-01,0.1\na,2024-02-01,0.2\na,2024-03-01,0.3\nb,2024-01-05,1081.18\nb,2024-02-05,1078.18\nb,2024-03-05,1078.18\n' > "$WORK/t.csv"
awk 'BEGIN { printf "double sums: %.17g %.17g\n", 0.1 + 0.2 + 0.3, 1081.18 + 1078.18 + 1078.18 }'
crm-metrics rfm -q "$WORK/t.csv" | cut -d, -f1,6
crm-metrics rfm -q --repeat "$WORK/t.csv" | cut -d, -f1,6
crm-metrics summary -q --by customer_id "$WORK/t.csv" | cut -d, -f1,4
crm-metrics clv --discount 0 "$WORK/t.csv" | cut -d, -f1,4,5
crm-metrics rfm -q --partial "$WORK/t.csv" > "$WORK/s"
crm-metrics merge rfm "$WORK/s" | cut -d, -f1,6
