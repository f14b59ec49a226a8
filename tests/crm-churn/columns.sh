# -c picks the features (the id column is then not looked at), and
# --categorical makes a column of numbers categories: age=NN features.
crm-churn train -q --algo logreg --label churned -c spend,plan \
    -m "$WORK/a.model" small.csv || exit 1
crm-churn importance -m "$WORK/a.model" | cut -d, -f1
crm-churn train -q --algo logreg --label churned -c age --categorical age \
    -m "$WORK/b.model" small.csv || exit 1
crm-churn importance -m "$WORK/b.model" | cut -d, -f1 | sort | head -n 4
