#!/bin/sh
# bench/b_answer.sh: crm-answer on generated FAQ data (crm-gen answer:
# 10 phrasings an answer, a third of the answers in CJK characters, a
# Zipf-like vocabulary).  Index 100,000 knowledge-base rows (goal: under
# a second); answer 20,000 questions against a 10,000-row knowledge base
# (goal: 10,000 questions a second), with one thread and with all; the
# same questions through scikit-learn (character 2-3-gram TF-IDF, the
# nearest phrasing by one sparse product) when it is installed.
# Sourced by bench/run.sh; can also run alone: BIN=bin sh bench/b_answer.sh

if [ -z "${DATA:-}" ]; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
fi
ans=$BIN/crm-answer
if [ ! -x "$ans" ]; then
	echo "skipped: no $ans"
	return 0 2>/dev/null || exit 0
fi
mkdir -p "$DATA"
K100=$DATA/answer-kb-100000-s$SEED.csv
K10=$DATA/answer-kb-10000-s$SEED.csv
Q10=$DATA/answer-q-10000-s$SEED.csv
if [ ! -s "$K100" ] || [ -n "$(find "$GEN" -newer "$K100" 2>/dev/null)" ]; then
	"$GEN" answer --rows 100000 --questions 0 --seed "$SEED" "$K100" /dev/null
	"$GEN" answer --rows 10000 --questions 20000 --seed "$SEED" "$K10" "$Q10"
fi
M100=$DATA/answer-100000.model
M10=$DATA/answer-10000.model
"$ans" index -m "$M10" "$K10" 2>&1 | sed 's/^/check: /'
"$ans" eval -m "$M10" --expected expected "$Q10" | sed 's/^/check: eval /'
t_idx=$(bench_time "'$ans' index -q -m '$M100' '$K100'")
printf 'text\nwhere is my parcel\n' > "$DATA/answer-one.csv"
t_load=$(bench_time "'$ans' ask -m '$M100' '$DATA/answer-one.csv'")
echo "crm-answer index, 100000 rows: $t_idx s (loading that model and one question: $t_load s)"
t1=$(bench_time "'$ans' ask --threads 1 -m '$M10' '$Q10'")
t2=$(bench_time "'$ans' ask -m '$M10' '$Q10'")
awk -v t1="$t1" -v t2="$t2" 'BEGIN {
	printf "crm-answer ask, 20000 questions, 10000-row base: %s s on one thread (%.0f/s), %s s on all cores (%.0f/s)\n",
	    t1, 20000 / t1, t2, 20000 / t2 }'
py3=python3
[ -x /usr/bin/python3 ] && py3=/usr/bin/python3
if $py3 -c 'import sklearn' 2>/dev/null; then
	py="$py3 -c \"import csv, sys
from sklearn.feature_extraction.text import TfidfVectorizer
kb = [r['question'] for r in csv.DictReader(open(sys.argv[1]))]
q = [r['text'] for r in csv.DictReader(open(sys.argv[2]))]
v = TfidfVectorizer(analyzer='char', ngram_range=(2, 3), sublinear_tf=True)
X = v.fit_transform(kb)
best = (v.transform(q) @ X.T).argmax(axis=1)
print(len(best))\" '$K10' '$Q10'"
	bench_line "crm-answer ask, 20000 questions" "$t2" \
	    "sklearn char TF-IDF nearest phrasing" "$(bench_time "$py")"
else
	echo "skipped: python3-sklearn not installed"
fi
echo "peak memory: index of 100000 rows $(bench_rss "'$ans' index -q -m '$M100' '$K100'") MB," \
    "ask against 10000 rows $(bench_rss "'$ans' ask -m '$M10' '$Q10'") MB"
