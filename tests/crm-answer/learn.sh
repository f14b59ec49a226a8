# learn: a question the model answers wrongly ("cancel") is confirmed by
# a person as answer "track"; after learn it is answered right, the
# model file is rewritten in place (no temporary file left), and a
# second learn of the same row adds nothing.
set -e
crm-answer index -q -m "$WORK/m" kb4.csv
printf 'text\nwhere is my parcel now\n' > "$WORK/q.csv"
crm-answer ask -m "$WORK/m" "$WORK/q.csv"
printf 'text,id\nwhere is my parcel now,track\n' > "$WORK/fb.csv"
crm-answer learn -m "$WORK/m" "$WORK/fb.csv"
crm-answer ask -m "$WORK/m" "$WORK/q.csv"
crm-answer learn -m "$WORK/m" "$WORK/fb.csv"
ls "$WORK"
