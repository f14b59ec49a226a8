# Predict new customers: a blank spend takes the training median, an
# unseen plan ("enterprise") gives no plan feature; every column passes.
crm-churn train -q --algo logreg --label churned -m "$WORK/lr.model" \
    small.csv || exit 1
crm-churn predict -m "$WORK/lr.model" new.csv
