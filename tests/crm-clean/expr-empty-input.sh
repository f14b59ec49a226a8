# Empty input: no output, and the --filtered file is created empty (as
# -o and --reject are).
: | crm-clean --where 'a > 1' --filtered "$WORK/f.csv" -o "$WORK/o.csv"
echo "status $?"
ls "$WORK"
wc -c <"$WORK/f.csv"
