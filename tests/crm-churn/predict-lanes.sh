# A forest's predictions walk sixteen rows at a time down each tree on
# the ranks of their features (rows of at most 64 features, round 4),
# else eight; a row alone walks by itself.  The rows predicted in one
# run equal the same rows predicted one per run, on a table of 44
# features and one of over 64 (a categorical of 40 values added); the
# checksums are of main's output before round 4 (at 1e439d0).
crm-gen churn --rows 3000 --seed 5 -o "$WORK/g.csv" || exit 1
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0, "zone"; next }
    { print $0, "z" (NR * 7) % 40 }' "$WORK/g.csv" > "$WORK/z.csv"
for d in g z; do
	crm-churn train -q --trees 30 --label churned \
	    -m "$WORK/$d.model" "$WORK/$d.csv" || exit 1
	head -n 2001 "$WORK/$d.csv" > "$WORK/$d.in.csv"
	crm-churn predict -m "$WORK/$d.model" "$WORK/$d.in.csv" \
	    > "$WORK/$d.all.csv" || exit 1
	echo "$d: $(grep '^features' "$WORK/$d.model")"
	echo "$d: $(cksum < "$WORK/$d.all.csv")"
	# rows 1..37 one per run (37: two lanes of 16 and a tail of 5)
	head -n 1 "$WORK/$d.all.csv" > "$WORK/$d.one.csv"
	i=2
	while [ $i -le 38 ]; do
		sed -n "1p;${i}p" "$WORK/$d.in.csv" |
		    crm-churn predict -m "$WORK/$d.model" |
		    tail -n +2 >> "$WORK/$d.one.csv" || exit 1
		i=$((i + 1))
	done
	head -n 38 "$WORK/$d.all.csv" | cmp - "$WORK/$d.one.csv" &&
	    echo "$d: rows alone = rows together"
done
