# Every algorithm leaves out what a customer already has (and keeps it
# with --include-seen), and gives n items to every customer.
tx=../../samples/transactions.csv
tail -n +2 $tx | awk -F, '{ print $2 "," $5 }' | sort -u > "$WORK/have"
for a in popular itemknn userknn ease als content hybrid; do
	crm-recommend top -n 5 --algo $a --items ../../samples/items.csv \
	    --text description $tx > "$WORK/top" || exit 1
	tail -n +2 "$WORK/top" | cut -d, -f1,2 | sort > "$WORK/got"
	n=$(comm -12 "$WORK/have" "$WORK/got" | wc -l)
	c=$(cut -d, -f1 "$WORK/got" | sort | uniq -c | awk '$1 != 5' | wc -l)
	echo "$a: $n seen items, $c customers without 5"
done
crm-recommend top -n 5 --include-seen --algo ease $tx |
    tail -n +2 | cut -d, -f1,2 | sort > "$WORK/got"
[ "$(comm -12 "$WORK/have" "$WORK/got" | wc -l)" -gt 0 ] &&
    echo "include-seen: seen items ranked"
