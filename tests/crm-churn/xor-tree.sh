# A tree on an XOR of a and b (5% of labels flipped, a noise column):
# the root split has no Gini gain by itself, the tree still finds a
# then b (or b then a) and the four cells come out pure but for noise.
crm-churn train -q --algo tree --max-depth 2 --min-leaf 5 -m "$WORK/x.model" \
    xor.csv || exit 1
crm-churn rules -m "$WORK/x.model"
