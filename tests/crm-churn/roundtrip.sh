# Model files round-trip: the gzip model holds the same text, both
# predict the same bytes, and for every algorithm the predictions of
# the written model equal the cross-checked in-memory ones of eval -m
# on the same rows.
crm-gen churn --rows 2000 --seed 5 -o "$WORK/g.csv" || exit 1
for a in forest gbt logreg tree; do
	crm-churn train -q --algo $a --trees 30 --label churned \
	    -m "$WORK/$a.model" "$WORK/g.csv" || exit 1
	crm-churn train -q --algo $a --trees 30 --label churned \
	    -m "$WORK/$a.model.gz" "$WORK/g.csv" || exit 1
	gzip -dc "$WORK/$a.model.gz" | cmp - "$WORK/$a.model" &&
	    echo "$a: gzip model holds the same text"
	crm-churn predict -m "$WORK/$a.model" "$WORK/g.csv" > "$WORK/p1.csv"
	crm-churn predict -m "$WORK/$a.model.gz" "$WORK/g.csv" > "$WORK/p2.csv"
	cmp "$WORK/p1.csv" "$WORK/p2.csv" && echo "$a: same predictions"
	crm-churn eval -q --label churned "$WORK/p1.csv" > "$WORK/e1.csv"
	crm-churn eval -q -m "$WORK/$a.model" "$WORK/g.csv" > "$WORK/e2.csv"
	cmp "$WORK/e1.csv" "$WORK/e2.csv" && echo "$a: eval of predictions = eval -m"
done
