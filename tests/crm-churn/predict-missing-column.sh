# A feature column missing at predict time is a usage error naming it.
crm-churn train -q --algo logreg --label churned -m "$WORK/lr.model" \
    small.csv || exit 1
cut -d, -f1,2,4 new.csv | crm-churn predict -m "$WORK/lr.model"
