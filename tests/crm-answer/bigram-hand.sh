# --cjk-bigrams: a CJK bigram of the question weighs W (default 0.1)
# against 1 for a character, in BM25 and in TF-IDF (there on both sides,
# so that a phrasing equal to the question still scores 1).  Knowledge
# base: 退款 (terms 退 款 退款) and 付款 (付 款 付款); N = 2, lengths 3 3,
# avgdl 3, k1 1.2, b 0.75; the question 款退 (款 退 and the unseen bigram
# 款退), reordered characters.
# BM25 alone (--bm25-cjk 1): idf(df 1) = ln 2 = 0.693147, idf(df 2) =
# ln 1.2 = 0.182322, idf(df 0) = ln 6 = 1.791759; the saturation of tf 1
# at length 3 is 1.  Against 退款: 0.693147 + 0.182322 = 0.875469; a
# perfect match: 0.875469 + W 1.791759.  W 0.1: 0.875469 / 1.054645 =
# 0.830108; against 付款 0.182322 / 1.054645 = 0.172875.  W 1: 0.875469 /
# 2.667228 = 0.328232.
# TF-IDF alone (--bm25-cjk 0): smooth idf ln(3 / (1 + df)) + 1: 1.405465
# (df 1), 1 (df 2).  Question (款退 unknown): 款 1, 退 1.405465, norm
# sqrt(2.975332) = 1.724915.  退款: 退 1.405465, 款 1, 退款 W 1.405465;
# W 0.1: norm sqrt(2.995085) = 1.730632, cosine 2.975332 / (1.724915 *
# 1.730632) = 0.996697; W 1: norm sqrt(4.950664) = 2.225009, cosine
# 0.775240.  Then the question 退款 itself scores 1 with the defaults.
set -e
printf 'text\n款退\n' > "$WORK/q.csv"
printf 'text\n退款\n' > "$WORK/q1.csv"
crm-answer index -q -m "$WORK/m" kb2zh.csv
crm-answer ask -m "$WORK/m" --bm25-cjk 1 --phrasings 1 -n 2 "$WORK/q.csv"
crm-answer ask -m "$WORK/m" --bm25-cjk 1 --cjk-bigrams 1 "$WORK/q.csv"
crm-answer ask -m "$WORK/m" --bm25-cjk 0 "$WORK/q.csv"
crm-answer ask -m "$WORK/m" --bm25-cjk 0 --cjk-bigrams 1 "$WORK/q.csv"
crm-answer ask -m "$WORK/m" "$WORK/q1.csv"
