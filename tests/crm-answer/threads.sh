# ask and eval give the same bytes on 1, 2 and 3 threads: 5,000
# generated questions (more than a batch of 2,048) against a 2,000-row
# generated knowledge base (crm-gen answer).
set -e
cd "$WORK"
crm-gen answer --rows 2000 --questions 5000 --seed 7 kb.csv q.csv
crm-answer index -q -m m kb.csv
for t in 1 2 3; do
	crm-answer ask --threads $t -m m q.csv > ask$t.csv
	crm-answer eval --threads $t -m m --expected expected q.csv > eval$t.csv
done
cmp ask1.csv ask2.csv && cmp ask1.csv ask3.csv && echo "ask: same bytes"
cmp eval1.csv eval2.csv && cmp eval1.csv eval3.csv && echo "eval: same bytes"
wc -l < ask1.csv
