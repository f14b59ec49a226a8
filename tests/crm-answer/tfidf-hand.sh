# TF-IDF of character 2- and 3-grams alone (--bm25-latin 0): equal to
# scikit-learn's TfidfVectorizer(analyzer="char", ngram_range=(2, 3),
# sublinear_tf=True) cosine on the same texts (0.892267, 0.737647,
# 0.252697, 0.704650 for the four questions' best entries).
set -e
crm-answer index -q -m "$WORK/m" kb4.csv
crm-answer ask -m "$WORK/m" --bm25-latin 0 q3.csv
