# eval of the tiny naive Bayes model of nb-hand.sh on five labelled
# rows; by hand: "good" and "bad bad" right, "good bad fun" (said
# negative) predicted positive, "zzz" (said positive) predicted
# negative, the empty text neutral and right.  Accuracy 3/5; negative
# and positive each precision = recall = F1 = 1/2; neutral 1; macro-F1
# (1/2 + 1/2 + 1) / 3 = 2/3.
cd "$WORK" || exit 1
cp "$OLDPWD/tiny.csv" .
crm-sentiment train --algo nb --no-bigrams --no-negate -m nb.model tiny.csv ||
    exit 1
printf 'text,label\ngood,positive\nbad bad,negative\ngood bad fun,negative\nzzz,positive\n,neutral\n' |
    crm-sentiment eval -m nb.model
