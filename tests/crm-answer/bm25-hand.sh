# BM25 alone (--bm25-latin 1) on the 4-entry knowledge base, by hand:
# N = 4, lengths 3 3 3 2 (avgdl 2.75), k1 1.2, b 0.75.
# idf(df 1) = ln(1 + 3.5/1.5) = 1.203973, idf(df 3) = ln(1 + 0.5/3.5)
# = 0.133531.  "refund order" against "refund my order": each term tf 1,
# saturation 2.2 / (1 + 1.2 (0.25 + 0.75 * 3/2.75)) = 0.964143, so
# (1.203973 + 0.133531) * 0.964143 = 1.289547.  A phrasing equal to the
# question (length 2) would score (1.203973 + 0.133531) * 2.2 /
# (1 + 1.2 (0.25 + 0.75 * 2/2.75)) = 1.505470; 1.289547 / 1.505470 =
# 0.856574.  "my address" against "change my address" is the same sum.
# "hello there" shares no word: score 0, no candidate, fallback.
set -e
crm-answer index -q -m "$WORK/m" kb4.csv
crm-answer ask -m "$WORK/m" --bm25-latin 1 --phrasings 1 q3.csv
