# Models: absent, truncated, corrupted, of another program: usage
# errors (2) naming the file.
cd "$WORK" || exit 1
printf 'text\nhi\n' > q.csv
crm-answer ask -m nosuch q.csv; echo "status $?"
crm-answer index -q -m m "$OLDPWD/kb4.csv" || exit 1
head -n 3 m > trunc; crm-answer ask -m trunc q.csv; echo "status $?"
sed 's/refund/refunx/' m > bad; crm-answer ask -m bad q.csv
echo "status $?"
printf 'crmkit-model 1 crm-churn logistic\n' > other
crm-answer ask -m other q.csv; echo "status $?"
