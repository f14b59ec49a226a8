# The forest grows its trees on packed records of each bootstrap row's
# bins (round 3); these checksums are of the models the index-based
# code of round 2 wrote (main at 7b8a7cb) for the paths the default
# run does not take: every feature at each node (--mtry above p),
# class weights that are not whole (--class-weight balanced), depth
# and leaf limits; and the same bytes on 1 and 2 threads.
crm-gen churn --rows 3000 --seed 9 -o "$WORK/g.csv" || exit 1
for a in "--mtry 1000" "--class-weight balanced" \
    "--max-depth 5 --min-leaf 3 --mtry 3"; do
	for t in 1 2; do
		# shellcheck disable=SC2086
		crm-churn train -q --trees 20 --threads $t $a --label churned \
		    -m "$WORK/m$t.model" "$WORK/g.csv" || exit 1
	done
	cmp -s "$WORK/m1.model" "$WORK/m2.model" || echo "$a: threads differ"
	echo "$a: model $(cksum < "$WORK/m1.model")"
done
