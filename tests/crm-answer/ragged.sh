# A ragged question row stops ask with its line, or is skipped.
crm-answer index -q -m "$WORK/m" kb4.csv || exit 1
printf 'id,text\n1,refund order\n2\n3,my address\n' > "$WORK/q.csv"
cd "$WORK" && crm-answer ask -m m q.csv; echo "status $?"
crm-answer ask -m m --skip-bad q.csv; echo "status $?"
