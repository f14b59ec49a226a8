#!/bin/sh
# bench/b_sentiment.sh: crm-sentiment on 100,000 generated reviews
# (crm-gen sentiment, 11 MB; SENT_ROWS to change): score against VADER's
# JavaScript port, and train + predict (80% / 20% of the rows) against
# fastText with word bigrams, with the accuracy of each on the 20%.
# VADER is found in $VADER_DIR/node_modules/vader-sentiment (default
# /tmp/vader: npm install --prefix /tmp/vader vader-sentiment); it, node,
# fasttext and python3 (to cut Chinese into characters for fastText) are
# optional: a missing one skips its line.
# Sourced by bench/run.sh; alone: BIN=bin sh bench/b_sentiment.sh

if [ -z "${DATA:-}" ] || ! command -v bench_time >/dev/null 2>&1; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
fi
sent=$BIN/crm-sentiment
if [ ! -x "$sent" ]; then
	echo "skipped: no $sent"
	return 0 2>/dev/null || exit 0
fi
N=${SENT_ROWS:-100000}
F="$DATA/sentiment-$N-s$SEED.csv"
mkdir -p "$DATA"
if [ ! -s "$F" ] || [ -n "$(find "$GEN" -newer "$F" 2>/dev/null)" ]; then
	"$GEN" sentiment --rows "$N" --seed "$SEED" -o "$F" || exit 0
fi
ntrain=$((N * 4 / 5))
head -n $((ntrain + 1)) "$F" > "$DATA/sentiment-train.csv"
{ head -n 1 "$F"; tail -n +$((ntrain + 2)) "$F"; } > "$DATA/sentiment-test.csv"
echo "check: $N reviews, $(wc -c < "$F") bytes; train $ntrain, test $((N - ntrain))"

# score against VADER (one run of VADER: it is slow)
t_score=$(bench_time "'$sent' score '$F'")
vader=${VADER_DIR:-/tmp/vader}/node_modules/vader-sentiment
if command -v node >/dev/null 2>&1 && [ -d "$vader" ]; then
	"$BIN/crm-clean" --select text "$F" | tail -n +2 |
	    sed 's/^"//; s/"$//' > "$DATA/sentiment-text.txt"
	js="const v = require('$vader');
const l = require('fs').readFileSync(0, 'utf8').split('\n');
let s = 0;
for (const t of l) if (t) s += v.SentimentIntensityAnalyzer.polarity_scores(t).compound;
console.log(s);"
	t_vader=$(RUNS=1 bench_time "node -e \"$js\" < '$DATA/sentiment-text.txt'")
	bench_line "crm-sentiment score, $N reviews" "$t_score" \
	    "VADER (JavaScript)" "$t_vader"
else
	echo "crm-sentiment score, $N reviews: $t_score s"
	echo "skipped: VADER's JavaScript port not in $vader"
fi

# train + predict against fastText
model="$DATA/sentiment.model"
t_train=$(bench_time "'$sent' train -m '$model' '$DATA/sentiment-train.csv'")
t_pred=$(bench_time "'$sent' predict -m '$model' '$DATA/sentiment-test.csv'")
acc=$("$sent" predict -m "$model" "$DATA/sentiment-test.csv" |
    awk -F, 'NR > 1 { n++; ok += $NF == $(NF - 2) } END { printf "%.4f", ok / n }')
printf 'crm-sentiment train (nbsvm) %.2f s + predict %.2f s, accuracy %s\n' \
    "$t_train" "$t_pred" "$acc"
py3=python3
[ -x /usr/bin/python3 ] && py3=/usr/bin/python3
if need fasttext fasttext && command -v $py3 >/dev/null 2>&1; then
	for s in train test; do
		$py3 -c "
import csv, re, sys
for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    t = r['text'].lower()
    t = re.sub(r'([\u3400-\u9fff])', r' \1 ', t)
    t = re.sub(r\"([^\w\s'])\", r' \1 ', t)
    print('__label__%s %s' % (r['label'], ' '.join(t.split())))
" "$DATA/sentiment-$s.csv" > "$DATA/sentiment-$s.ft"
	done
	ft="fasttext supervised -input '$DATA/sentiment-train.ft' -output '$DATA/sentiment-ft' -wordNgrams 2 -verbose 0"
	t_ftrain=$(bench_time "$ft")
	t_fpred=$(bench_time "fasttext predict '$DATA/sentiment-ft.bin' '$DATA/sentiment-test.ft'")
	facc=$(fasttext test "$DATA/sentiment-ft.bin" "$DATA/sentiment-test.ft" |
	    awk '$1 == "P@1" { print $2 }')
	printf 'fastText (bigrams) train %.2f s + predict %.2f s, accuracy %s\n' \
	    "$t_ftrain" "$t_fpred" "$facc"
	bench_line "crm-sentiment train + predict" \
	    "$(echo "$t_train $t_pred" | awk '{ print $1 + $2 }')" \
	    "fastText train + predict" \
	    "$(echo "$t_ftrain $t_fpred" | awk '{ print $1 + $2 }')"
fi
