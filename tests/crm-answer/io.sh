# Output to a full disk fails (1); gzip models and gzip input work;
# --prefix renames the appended columns, and a clash is an error.
crm-answer index -q -m "$WORK/m.gz" kb4.csv || exit 1
gzip -dc "$WORK/m.gz" | head -n 1
gzip -c q3.csv > "$WORK/q.csv.gz"
crm-answer ask -m "$WORK/m.gz" "$WORK/q.csv.gz" > /dev/full; echo "status $?"
crm-answer ask -m "$WORK/m.gz" --prefix bot_ "$WORK/q.csv.gz"
printf 'text,score\nrefund,1\n' | crm-answer ask -m "$WORK/m.gz"; echo "status $?"
printf 'text,score\nrefund,1\n' | crm-answer ask -m "$WORK/m.gz" --prefix a_
