# FP-growth, Eclat and Apriori are three independent miners: on the
# hand fixture and on 400 random baskets (awk's seeded generator, items
# of skewed frequency, some baskets long) they must write the same
# itemsets byte for byte, at several supports and lengths, and FP-growth
# the same on 1 and 2 threads.
cp hand.csv "$WORK/"
cd "$WORK" || exit 1
awk 'BEGIN { srand(7); print "order_id,item"
	for (o = 1; o <= 400; o++) {
		n = 1 + int(rand() * rand() * 14)
		for (k = 0; k < n; k++)
			printf "o%d,i%d\n", o, int(rand() * rand() * 30)
	} }' > rand.csv
fail=0
for f in hand.csv rand.csv; do
	for args in "--min-count 2" "--min-count 5 --max-len 3" \
	    "--min-support 0.02 --itemsets closed" \
	    "--min-support 0.02 --itemsets maximal"; do
		crm-rules --itemsets frequent $args $f > fp.csv
		crm-rules --itemsets frequent $args --threads 2 $f > fp2.csv
		crm-rules --itemsets frequent $args --algo eclat $f > ec.csv
		crm-rules --itemsets frequent $args --algo apriori $f > ap.csv
		if ! cmp -s fp.csv ec.csv || ! cmp -s fp.csv ap.csv ||
		    ! cmp -s fp.csv fp2.csv; then
			echo "differ: $f $args"
			fail=1
		fi
	done
done
n=$(crm-rules --itemsets frequent --min-count 2 rand.csv | wc -l)
[ "$n" -gt 300 ] || { echo "too few itemsets ($n) to test anything"; fail=1; }
[ $fail = 0 ] && echo "the three miners agree"
