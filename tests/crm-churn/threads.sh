# The forest is the same bytes with 1 and 2 threads, and run twice;
# predictions too.  Another seed gives another forest.
crm-gen churn --rows 3000 --seed 3 -o "$WORK/g.csv" || exit 1
for t in 1 2; do
	crm-churn train -q --trees 40 --threads $t --label churned \
	    -m "$WORK/f$t.model" "$WORK/g.csv" || exit 1
	crm-churn predict --threads $t -m "$WORK/f$t.model" "$WORK/g.csv" \
	    > "$WORK/p$t.csv" || exit 1
done
crm-churn train -q --trees 40 --threads 2 --label churned \
    -m "$WORK/f3.model" "$WORK/g.csv"
crm-churn train -q --trees 40 --seed 7 --label churned \
    -m "$WORK/f4.model" "$WORK/g.csv"
cmp "$WORK/f1.model" "$WORK/f2.model" && echo "models: 1 and 2 threads identical"
cmp "$WORK/f2.model" "$WORK/f3.model" && echo "models: two runs identical"
cmp "$WORK/p1.csv" "$WORK/p2.csv" && echo "predictions identical"
cmp -s "$WORK/f1.model" "$WORK/f4.model" || echo "seed 7: another forest"
# Boosting histograms are split over the threads by features (nodes
# over 20000 rows): the same bytes too.
crm-gen churn --rows 30000 --seed 4 -o "$WORK/h.csv" || exit 1
for t in 1 2; do
	crm-churn train -q --algo gbt --rounds 30 --threads $t \
	    --label churned -m "$WORK/g$t.model" "$WORK/h.csv" || exit 1
done
cmp "$WORK/g1.model" "$WORK/g2.model" && echo "gbt: 1 and 2 threads identical"
