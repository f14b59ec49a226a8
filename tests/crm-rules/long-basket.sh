# Two baskets of 200,000 items each: the FP-tree is one path of 200,000
# nodes, built without recursion (a deep stack would overflow), and
# every item is frequent once.
cd "$WORK" || exit 1
awk 'BEGIN { for (r = 0; r < 2; r++) { for (i = 0; i < 200000; i++)
	printf "%si%d", (i ? "," : ""), i; printf "\n" } }' > long.csv
crm-rules --baskets --no-header --min-count 2 --max-len 1 \
    --itemsets frequent long.csv | awk -F, 'NR > 1 && $4 == 2 { n++ }
    END { print n " items in both baskets" }'
