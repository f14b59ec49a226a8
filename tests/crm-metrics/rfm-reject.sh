# --reject writes each bad row as it was plus its reason
crm-metrics rfm --reject "$WORK/rej.csv" rfm-bad-amount.in.csv
cat "$WORK/rej.csv"
