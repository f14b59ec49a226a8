# Empty input: no output; a header alone: the header with the new columns.
crm-churn train -q --algo logreg --label churned -m "$WORK/lr.model" \
    small.csv || exit 1
crm-churn predict -m "$WORK/lr.model" < /dev/null
echo "status $?"
head -n 1 new.csv | crm-churn predict -m "$WORK/lr.model"
echo "status $?"
head -n 1 new.csv | crm-churn predict -m "$WORK/lr.model" --prefix x_
