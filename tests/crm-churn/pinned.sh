# Speed work must not move a bit: on a fixed generated table, the
# checksums of a forest, a boosted and a single-tree model, and their
# held-out ROC AUC and predictions, as the first (slower) implementation
# wrote them (gbt with the learning rate and depth it had by default
# then).
crm-gen churn --rows 4000 --seed 6 -o "$WORK/g.csv" || exit 1
head -n 3001 "$WORK/g.csv" > "$WORK/tr.csv"
{ head -n 1 "$WORK/g.csv"; tail -n 1000 "$WORK/g.csv"; } > "$WORK/te.csv"
for a in "forest --trees 30" "gbt --learning-rate 0.1 --max-depth 4" tree; do
	# shellcheck disable=SC2086
	crm-churn train -q --algo $a --label churned -m "$WORK/m.model" \
	    "$WORK/tr.csv" || exit 1
	printf '%s: model %s, ' "${a%% *}" "$(cksum < "$WORK/m.model")"
	crm-churn eval -q -m "$WORK/m.model" "$WORK/te.csv" |
	    awk -F, '$1 == "roc_auc" { printf "roc_auc %s, ", $2 }'
	echo "predictions $(crm-churn predict -m "$WORK/m.model" "$WORK/te.csv" |
	    cksum)"
done
# Many one-hot columns (a 300-level category, two overlapping flags and
# a number): they fill more than one bundle of boosting's histograms.
awk 'BEGIN {
	print "cat,f1,f2,x,y"
	s = 7
	for (i = 0; i < 3000; i++) {
		s = (s * 69069 + 1) % 4294967296; c = int(s / 65536) % 300
		s = (s * 69069 + 1) % 4294967296; x = int(s / 65536) % 1000
		f1 = (c + x) % 3 == 0; f2 = (c * x) % 5 < 2
		y = (c % 7 < 3) + (x > 600) + f1 + f2 >= 2 ? "Yes" : "No"
		printf "c%d,%d,%d,%d,%s\n", c, f1, f2, x, y
	}
}' > "$WORK/cat.csv"
crm-churn train -q --algo gbt --learning-rate 0.1 --max-depth 4 \
    --categorical cat,f1,f2 --label y -m "$WORK/c.model" "$WORK/cat.csv" ||
    exit 1
echo "gbt, 300 categories: model $(cksum < "$WORK/c.model")"
