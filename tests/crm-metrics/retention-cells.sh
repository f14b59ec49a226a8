# A retention table is capped by cells (10^7, 80 MB), not by periods:
# 55 years of days is refused with a message before anything is
# allocated; churn, linear in the periods, still runs.
printf 'customer_id,date\na,1970-01-01\nb,2024-12-31\n' > "$WORK/t.csv"
crm-metrics retention --period day "$WORK/t.csv" 2>&1 | sed 's/^[^ ]*: //'
crm-metrics retention --period month "$WORK/t.csv" | wc -l
crm-metrics churn --period day "$WORK/t.csv" | wc -l
