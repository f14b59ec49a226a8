#!/bin/sh
# crm-answer on the LCQMC dev pairs (Chinese): the text_a of every pair
# is the knowledge base (its own id), each positive pair's text_b a
# question whose answer is its text_a (crm-clean keeps the 4,402
# positive pairs).  With the defaults accuracy@1 is 0.6413, recall@5
# 0.9909 (2026-11-30; 0.6234 / 0.9880 when CJK bigrams weighed as much as
# characters, --cjk-bigrams 1; BM25 over character unigrams and bigrams
# alone was measured at 0.622); the thresholds sit a little under.  Then
# the BM25 part alone (--bm25-cjk 1 --bm25-latin 1 --cjk-bigrams 1
# --phrasings 1): the best score of the first
# 300 questions against an independent Python BM25 (the same terms,
# k1 1.2, b 0.75, divided by the query's score against itself).
# Prints "ok NAME", "not ok NAME: why" or "skip NAME: why" per check.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BIN=${BIN:-bin}
f=${CRM_REFDATA:-../shared/data}/lcqmc_dev/dev.txt
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crmref.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C TZ=UTC
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

if [ ! -r "$f" ]; then
	echo "skip answer_lcqmc: no $f"
	exit 0
fi
"$BIN/crm-answer" index -q -t -m "$tmp/m" --id text_a --question text_a \
    --answer text_a "$f" || { echo "not ok answer_lcqmc: index"; exit 0; }
"$BIN/crm-clean" -t --where 'label == 1' "$f" > "$tmp/q.csv" ||
    { echo "not ok answer_lcqmc: crm-clean"; exit 0; }
"$BIN/crm-answer" eval -m "$tmp/m" --text text_b --expected text_a \
    "$tmp/q.csv" > "$tmp/eval.csv" || { echo "not ok answer_lcqmc: eval"; exit 0; }
sed 's/^/    /' "$tmp/eval.csv"
awk -F, '$1 == "all" {
	if ($2 == 4402 && $3 >= 0.636 && $4 >= 0.985)
		print "ok answer_lcqmc: " $2 " questions, accuracy@1 " $3 ", recall@5 " $4 ", MRR@10 " $5
	else
		print "not ok answer_lcqmc: " $2 " questions (4402), accuracy@1 " $3 " (>= 0.636), recall@5 " $4 " (>= 0.985)"
}' "$tmp/eval.csv"

head -n 301 "$tmp/q.csv" > "$tmp/q300.csv"
"$BIN/crm-answer" ask -m "$tmp/m" --text text_b --bm25-cjk 1 --bm25-latin 1 \
    --cjk-bigrams 1 --phrasings 1 --min-score 0 "$tmp/q300.csv" |
    "$BIN/crm-clean" --select score > "$tmp/got" ||
    { echo "not ok answer_bm25_python: ask"; exit 0; }
$py - "$f" "$tmp/q300.csv" > "$tmp/want" <<'PY'
import csv, math, re, sys
from collections import Counter
# Terms: CJK runs give their characters and adjacent pairs, other text
# lower-case words, fullwidth forms read as ASCII (crm-answer's
# tokenizer on this data; it also maps traditional characters to
# simplified ones, which this reference does not).
tok = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+|[a-z0-9_]+(?:'[a-z0-9_]+)*")
full = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
def terms(s):
    out = []
    for m in tok.findall(s.translate(full).lower()):
        if m[0] >= "\u3041":
            for i in range(len(m)):
                out.append(m[i])
                if i + 1 < len(m):
                    out.append(m[i:i + 2])
        else:
            out.append(m)
    return out
rows = list(csv.reader(open(sys.argv[1]), delimiter='\t'))[1:]
docs = [Counter(terms(r[0])) for r in rows]
N = len(docs)
df = Counter(t for d in docs for t in d)
dl = [sum(d.values()) for d in docs]
avg = sum(dl) / N
k1, b = 1.2, 0.75
idf = lambda t: math.log(1 + (N - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5))
post = {}
for i, d in enumerate(docs):
    for t, tf in d.items():
        post.setdefault(t, []).append((i, tf))
print('score')
for r in csv.DictReader(open(sys.argv[2])):
    q = Counter(terms(r['text_b']))
    ql = sum(q.values())
    self = sum(qtf * idf(t) * qtf * (k1 + 1) / (qtf + k1 * (1 - b + b * ql / avg))
               for t, qtf in q.items())
    acc = {}
    for t, qtf in q.items():
        for i, tf in post.get(t, []):
            acc[i] = acc.get(i, 0) + qtf * idf(t) * tf * (k1 + 1) / \
                (tf + k1 * (1 - b + b * dl[i] / avg))
    best = max(acc.values()) / self if acc and self > 0 else 0
    print('%.6f' % best)
PY
# The reference does not map traditional characters nor read symbols
# and letters beyond ASCII as crm-answer's tokenizer does, so a few
# terms (of 29,000) have other counts; that moves idf and the mean
# length in the sixth decimal, and a few questions more (2 of the 300
# by 3e-4 and 0.022 on 2026-11-30, not explained further).  So: 97% of
# the scores within 1e-5, all within 0.05.
paste -d, "$tmp/want" "$tmp/got" | awk -F, 'NR > 1 {
	d = $1 - $2; if (d < 0) d = -d; if (d > max) max = d; n++
	if (d <= 1e-5) near++
} END {
	if (n == 300 && near >= 291 && max <= 0.05)
		printf "ok answer_bm25_python: %d of 300 best BM25 scores within 1e-5 of the Python reference, all within %g\n", near, max
	else
		printf "not ok answer_bm25_python: %d scores, %d within 1e-5, largest difference %g\n", n, near, max
}'

# Held out from the choice of defaults' direction: each pair's text_b as
# the knowledge base, each positive pair's text_a the question.  The
# defaults against BM25 over characters and bigrams alone (--bm25-cjk 1
# --cjk-bigrams 1): 0.5679 against 0.5547 on 2026-11-30.
"$BIN/crm-answer" index -q -t -m "$tmp/r" --id text_b --question text_b \
    --answer text_b "$f" || { echo "not ok answer_lcqmc_reverse: index"; exit 0; }
"$BIN/crm-answer" eval -m "$tmp/r" --text text_a --expected text_b \
    "$tmp/q.csv" > "$tmp/def.csv" &&
"$BIN/crm-answer" eval -m "$tmp/r" --text text_a --expected text_b \
    --bm25-cjk 1 --cjk-bigrams 1 "$tmp/q.csv" > "$tmp/bm.csv" ||
    { echo "not ok answer_lcqmc_reverse: eval"; exit 0; }
a=$(awk -F, '$1 == "all" { print $3 }' "$tmp/def.csv")
b=$(awk -F, '$1 == "all" { print $3 }' "$tmp/bm.csv")
awk -v a="$a" -v b="$b" 'BEGIN {
	if (a >= b + 0.01)
		print "ok answer_lcqmc_reverse: accuracy@1 " a " with the defaults, BM25 alone " b
	else
		print "not ok answer_lcqmc_reverse: accuracy@1 " a " with the defaults, not 0.01 over BM25 alone " b
}'
