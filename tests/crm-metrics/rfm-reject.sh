# --reject writes each bad row: a ragged one with empty fields and its raw
# text, a bad amount with its fields; then reason, source and raw
crm-metrics rfm --reject "$WORK/rej.csv" rfm-ragged.in.csv 2>"$WORK/err"
sed "s|$WORK/||" "$WORK/err" >&2
cat "$WORK/rej.csv"
