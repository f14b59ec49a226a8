# -k auto without --curve: the curve as an aligned table on stderr (k,
# inertia, silhouette; the k chosen marked), then the k chosen; the
# rows on stdout are those of -k 4; -q silences the table.
crm-segment kmeans -k auto --k-max 6 -c a,b,c kmeans-planted.in.csv \
    2> "$WORK/err" > "$WORK/auto.csv"
cat "$WORK/err"
crm-segment kmeans -q -k 4 -c a,b,c kmeans-planted.in.csv |
    cmp -s - "$WORK/auto.csv" && echo "rows: those of -k 4"
crm-segment kmeans -q -k auto --k-max 6 -c a,b,c kmeans-planted.in.csv 2>&1 \
    >/dev/null | wc -l | tr -d ' '
