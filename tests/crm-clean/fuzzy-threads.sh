# The same clusters and the same scored pairs whatever the thread count.
for t in 1 2 3; do
	crm-clean --threads $t --fuzzy name,email,phone,birth_date,city \
	    --pairs "$WORK/p$t.csv" fuzzy-chain.data >"$WORK/o$t.csv" || exit 1
done
cmp "$WORK/o1.csv" "$WORK/o2.csv" && cmp "$WORK/o1.csv" "$WORK/o3.csv" &&
    cmp "$WORK/p1.csv" "$WORK/p2.csv" && cmp "$WORK/p1.csv" "$WORK/p3.csv" &&
    echo same
