# The reject file never has a column name twice: when the input has
# reason, source or raw already, the reject file's own take the first
# free suffix (reason_1, ...); a reject file rejected again gets
# reason_1, source_1 and raw_1.
cd "$WORK"
printf 'id,reason,raw,raw_1\n1,a,b,c\n2,d\n' >in.csv
crm-clean -q --reject rej.csv in.csv
cat rej.csv
crm-clean -q --require id --reject rej2.csv rej.csv
cat rej2.csv
