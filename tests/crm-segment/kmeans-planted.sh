# Four well-separated planted clusters (cubes of side 2 around corners
# 10 apart, 50 rows each; truth holds the cluster): k-means recovers them
# exactly (adjusted Rand index 1: truth and segment map one to one), with
# k given and with -k auto (the silhouette picks 4).
check() { # label, crm-segment arguments
	label=$1; shift
	crm-segment kmeans -q -c a,b,c "$@" kmeans-planted.in.csv |
	awk -F, -v l="$label" 'NR > 1 { p[$2 "," $6]++; t[$2]++; s[$6]++ }
	END { for (k in p) np++; for (k in t) nt++; for (k in s) ns++
	    printf "%s: %d truths, %d segments, %d pairs%s\n", l, nt, ns,
	    np, (np == nt && nt == ns) ? ": recovered exactly" : "" }'
}
check "k 4" -k 4
check "k auto" -k auto --k-max 8
check "k 4, lloyd, 2 threads" -k 4 --algo lloyd --threads 2
# the curve of -k auto: k 2..6, the best silhouette at k 4
crm-segment kmeans -q -k auto --k-max 6 --curve "$WORK/curve.csv" -c a,b,c \
    kmeans-planted.in.csv > /dev/null
awk -F, 'NR > 1 { n++; if ($3 > b) { b = $3; k = $1 } }
    END { printf "curve: %d values of k, best silhouette at k %d\n", n, k }' \
    "$WORK/curve.csv"
head -n 1 "$WORK/curve.csv"
