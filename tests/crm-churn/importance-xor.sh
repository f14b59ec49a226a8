# Impurity importance of a forest on the XOR fixture: a and b carry it,
# the noise column little; permutation importance agrees.
crm-churn train -q --trees 50 --min-leaf 5 -m "$WORK/x.model" xor.csv ||
    exit 1
crm-churn importance -m "$WORK/x.model" | awk -F, 'NR > 1 { print $1 }'
crm-churn importance -m "$WORK/x.model" --permutation xor.csv |
    awk -F, 'NR > 1 { print $1, ($2 > 0.2 ? "drop over 0.2" : "drop under 0.2") }'
