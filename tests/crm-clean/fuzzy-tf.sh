# Term frequency: the last four rows are two pairs that agree on surname
# and birth date and nearly on the given name.  The rare surname
# (quarrington, in no other row) is strong evidence and links its pair;
# smith (in 62 rows of 291) is weak and does not.  The first two rows
# must share a cluster id, the last two must not; --pairs shows the
# first pair's probability above the second's.
crm-clean --fuzzy given_name,surname,date_of_birth --pairs "$WORK/p.csv" \
    fuzzy-tf.data | tail -n 4
tail -n 2 "$WORK/p.csv"
