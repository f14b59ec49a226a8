# Gzip input (detected by its bytes) gives the model of the plain file.
gzip -c small.csv > "$WORK/small.csv.gz"
crm-churn train -q --algo tree --label churned -m "$WORK/a.model" small.csv
crm-churn train -q --algo tree --label churned -m "$WORK/b.model" < "$WORK/small.csv.gz"
cmp "$WORK/a.model" "$WORK/b.model" && echo "same model"
