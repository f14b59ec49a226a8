# --reject keeps a line with bad quoting aside, with its reason, its
# place and its text, and the other baskets are mined; a ragged line is
# a basket (not a bad row) with --baskets.
cd "$WORK" || exit 1
printf 'a,b\na,"b"x,c\na,b,c,d,e\nb,c\n' > in.csv
crm-rules --baskets --no-header --min-count 2 --itemsets frequent \
    --reject rej.csv in.csv 2>&1
cat rej.csv
