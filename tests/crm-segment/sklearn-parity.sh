# Ward and DBSCAN against scikit-learn 1.2.1 (Debian 12): fixture.csv is
# 300 points around four centres (sd 0.9 and 0.7) and four outliers,
# rounded to 4 decimals; the .expected files hold, row by row, the labels
# of AgglomerativeClustering(linkage="ward") with n_clusters=4, 6 and
# distance_threshold=8, and of DBSCAN(eps=0.45, min_samples=5), renamed
# 0, 1, ... in order of first appearance (noise -1).  The features are
# taken as they are (--no-standardize), as sklearn was given them.
for c in "ward4:hierarchical -k 4" "ward6:hierarchical -k 6" \
    "wardh8:hierarchical --height 8" \
    "dbscan:dbscan -q --eps 0.45 --min-pts 5"; do
	n=${c%%:*}
	crm-segment ${c#*:} --no-standardize -c x,y fixture.csv |
	    awk -F, 'NR > 1 { print $4 }' > "$WORK/$n"
	if cmp -s "$WORK/$n" "$n.expected"; then
		echo "$n: equal to sklearn's labels"
	else
		echo "$n: differs from sklearn's labels"
	fi
done
# clusters and noise in the DBSCAN expectation: not a trivial partition
sort -n dbscan.expected | uniq -c | awk '{ printf "%s:%s ", $2, $1 } END { print "" }'
