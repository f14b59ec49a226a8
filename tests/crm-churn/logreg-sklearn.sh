# Logistic regression coefficients against scikit-learn 1.2.1
# (LogisticRegression(C=1, solver="newton-cg", tol=1e-14) on the same
# standardised numbers, median-imputed spend and one-hot plan), to 1e-6.
crm-churn train -q --algo logreg --label churned -m "$WORK/lr.model" \
    small.csv || exit 1
crm-churn importance -m "$WORK/lr.model" | awk -F, '
BEGIN {
	want["age"] = -1.1732839314; want["spend"] = 0.6147933297
	want["plan=basic"] = 1.4408891059; want["plan=plus"] = -0.1881719248
	want["plan=premium"] = -1.2527171811; want["(intercept)"] = 0.4353384530
}
NR > 1 {
	d = $2 - want[$1]
	if (!($1 in want) || d > 1e-6 || d < -1e-6)
		printf "%s: %s, scikit-learn %s\n", $1, $2, want[$1]
	else
		n++
}
END { printf "%d coefficients within 1e-6 of scikit-learn\n", n }'
