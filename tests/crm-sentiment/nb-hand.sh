# Multinomial naive Bayes on a tiny corpus against the hand computation.
# Terms (no bigrams, no negation marks): positive has good 2, fun 1
# (3 terms), negative bad 2, boring 1 (3 terms); V = 4 terms, alpha 1,
# priors 1/2.  P(good|pos) = 3/7, P(fun|pos) = 2/7, P(bad|pos) = 1/7;
# P(good|neg) = 1/7, P(bad|neg) = 3/7, P(fun|neg) = 1/7.
#   "good":         pos 3/7 vs neg 1/7              -> P(pos) = 3/4
#   "good bad fun": pos 3*1*2 vs neg 1*3*1          -> P(pos) = 2/3
#   "bad bad":      pos 1*1 vs neg 3*3              -> P(neg) = 9/10
#   "zzz" (unseen, ignored): the priors, a tie      -> negative, 1/2
#   "" (empty): neutral, no probability
cd "$WORK" || exit 1
cp "$OLDPWD/tiny.csv" .
crm-sentiment train --algo nb --no-bigrams --no-negate -m nb.model tiny.csv ||
    exit 1
printf 'text\ngood\ngood bad fun\nbad bad\nzzz\n""\n' > new.csv
crm-sentiment predict -m nb.model new.csv > out.csv || exit 1
awk -F, 'NR == 1 { next }
    NR == 2 { p = 3 / 4; l = "positive" }
    NR == 3 { p = 2 / 3; l = "positive" }
    NR == 4 { p = 9 / 10; l = "negative" }
    NR == 5 { p = 1 / 2; l = "negative" }
    NR == 6 { p = ""; l = "neutral" }
    {
	d = $2 - p; if (d < 0) d = -d
	if ((p == "" && $2 != "") || d > 1e-12 || $3 != l)
		printf "row %d: got %s %s, want %s %s\n", NR - 1, $2, $3, p, l
	else
		printf "row %d ok\n", NR - 1
    }' out.csv
