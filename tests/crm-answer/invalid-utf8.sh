# Bytes that are not UTF-8 separate words (they never stop ask), and are
# passed through unchanged in the input columns; an empty question falls
# back with no candidate.
set -e
crm-answer index -q -m "$WORK/m" kb4.csv
printf 'text\n\377refund\376order\nmy address\300\n""\n' > "$WORK/q.csv"
crm-answer ask -m "$WORK/m" "$WORK/q.csv" | sed -n 2p | cut -d, -f1 | od -An -c
crm-answer ask -m "$WORK/m" "$WORK/q.csv" | cut -d, -f2-
