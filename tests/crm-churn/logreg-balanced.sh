# --class-weight balanced and --C 0.5 against scikit-learn 1.2.1
# (LogisticRegression(C=0.5, class_weight="balanced", solver="newton-cg",
# tol=1e-14) on the same features), to 1e-6.
crm-churn train -q --algo logreg --C 0.5 --class-weight balanced \
    --label churned -m "$WORK/lr.model" small.csv || exit 1
crm-churn importance -m "$WORK/lr.model" | awk -F, '
BEGIN {
	want["age"] = -0.9499644786; want["spend"] = 0.5000803270
	want["plan=basic"] = 1.0495797635; want["plan=plus"] = -0.1241979781
	want["plan=premium"] = -0.9253817855; want["(intercept)"] = 0.1591636100
}
NR > 1 {
	d = $2 - want[$1]
	if (!($1 in want) || d > 1e-6 || d < -1e-6)
		printf "%s: %s, scikit-learn %s\n", $1, $2, want[$1]
	else
		n++
}
END { printf "%d coefficients within 1e-6 of scikit-learn\n", n }'
