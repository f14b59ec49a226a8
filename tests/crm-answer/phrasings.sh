# Several phrasings of one answer: answers are ranked by the mean of
# their best --phrasings phrasings' scores (default 5; all of them when
# an answer has fewer), and each shows its best phrasing and that
# phrasing's score.  Answer a's best phrasing is the closest (0.715) but
# its other one is unrelated; b's two are both close.  With
# --phrasings 1 a comes first; with 2, b (mean of 0.61 and more against a's
# (0.715 + 0) / 2).  b's second row has no answer text: it replies with
# b's first.
set -e
crm-answer index -q -m "$WORK/m" phrasings.csv
crm-answer ask -m "$WORK/m" --top 2 --phrasings 1 phrasings-q.csv
crm-answer ask -m "$WORK/m" --top 2 phrasings-q.csv
