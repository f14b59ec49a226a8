# BM25 alone (--bm25-latin 1) on the 4-entry knowledge base, by hand:
# N = 4, lengths 3 3 3 2 (avgdl 2.75), k1 1.2, b 0.75.
# idf(df 1) = ln(1 + 3.5/1.5) = 1.203973, idf(df 3) = ln(1 + 1.5/3.5)
# = 0.356675.  Saturation of tf 1 in a text of length L:
# 2.2 / (1 + 1.2 (0.25 + 0.75 L / 2.75)): 0.964143 (L 3), 1.125581 (L 2).
# "refund order" against "refund my order": (1.203973 + 0.356675) *
# 0.964143 = 1.504688; a phrasing equal to the question (length 2) would
# score (1.203973 + 0.356675) * 1.125581 = 1.756634; 1.504688 / 1.756634
# = 0.856574.  "my address" against "change my address": the same.
# "hello there" shares no word: score 0, no candidate, fallback.
# "refund order cancel" (norm (1.203973 + 0.356675 + 1.203973) * 0.964143
# = 2.665491) against "cancel order": (1.203973 + 0.356675) * 1.125581
# = 1.756634, 0.659029; against "refund my order" 1.504688, 0.564507.
set -e
crm-answer index -q -m "$WORK/m" kb4.csv
crm-answer ask -m "$WORK/m" --bm25-latin 1 --phrasings 1 q3.csv
