# a truncated model file and one changed after writing are clear errors
# (exit 2)
crm-recommend train -m "$WORK/m" similar-cosine.in.csv || exit 1
head -c 200 "$WORK/m" > "$WORK/t"
printf 'customer_id\nc1\n' | crm-recommend top -m "$WORK/t" 2> "$WORK/e"
echo "status $?"
sed "s|$WORK/||" "$WORK/e"
sed 's/^sim cosine/sim jaccard/' "$WORK/m" > "$WORK/o"
printf 'customer_id\nc1\n' | crm-recommend top -m "$WORK/o" 2> "$WORK/e"
echo "status $?"
sed "s|$WORK/||" "$WORK/e"
