# Large gzip input is read to its last byte (no tail lost when the
# compressed input ends while inflate still holds output): 300,000 rows
# (17 MB, not a multiple of any buffer size) through crm-clean as plain
# and as gzip give the same bytes; so do two gzip members one after the
# other (one stream: the second member's header is a row of it), and a
# tiny file of one row and no final line end.
cd "$WORK"
crm-gen transactions --rows 300000 --seed 5 -o big.csv
crm-gen transactions --rows 300000 --seed 5 --gzip -o big.csv.gz
crm-clean big.csv >plain.out
crm-clean big.csv.gz >gz.out
echo "rows: $(wc -l <plain.out) plain, $(wc -l <gz.out) gzip"
cmp plain.out gz.out && echo "same bytes"
tail -n 1 gz.out
crm-gen transactions --rows 1000 --seed 6 --gzip -o small.csv.gz
crm-clean small.csv.gz >small.rows
cat big.csv.gz small.csv.gz >two.csv.gz
crm-clean two.csv.gz >two.out
echo "two members: $(wc -l <two.out) rows"
cat plain.out small.rows | cmp - two.out && echo "same bytes"
printf 'a,b\n1,2' | crm-clean --gzip -o one.csv.gz
crm-clean one.csv.gz
# highly compressible: all compressed bytes are read at once, then
# inflate gives 8 MB over many calls after the end of the file
(echo a,b; yes 1,2 | head -n 2000000) | crm-clean --gzip -o rep.csv.gz
echo "compressed: $(($(wc -c <rep.csv.gz) < 65536)) (under 64 KB)"
crm-clean rep.csv.gz | wc -l
