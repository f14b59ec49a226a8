# A failed write of the output is an error (exit 1).
crm-churn train -q --algo logreg --label churned -m "$WORK/lr.model" \
    small.csv || exit 1
crm-churn predict -m "$WORK/lr.model" new.csv > /dev/full
echo "status $?"
crm-churn train -q --algo logreg --label churned -m /dev/full small.csv
echo "status $?"
