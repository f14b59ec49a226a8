# train -m then top -m over the customers gives the bytes of top, for
# every algorithm (gzip model too); a customer the model does not know
# gets the popular items, flagged cold_start 1.
tx=../../samples/transactions.csv
it="--items ../../samples/items.csv --text category,description"
{ echo customer_id; tail -n +2 $tx | cut -d, -f2 | awk '!s[$0]++'; } \
    > "$WORK/custs"
for a in popular itemknn userknn ease als content hybrid; do
	crm-recommend top --algo $a $it $tx > "$WORK/a" || exit 1
	crm-recommend train --algo $a $it -m "$WORK/m.gz" $tx || exit 1
	crm-recommend top -m "$WORK/m.gz" "$WORK/custs" > "$WORK/b" || exit 1
	cmp -s "$WORK/a" "$WORK/b" && echo "$a: same" || echo "$a: differs"
done
printf 'customer_id\nnobody\n' | crm-recommend top -n 2 -m "$WORK/m.gz"
