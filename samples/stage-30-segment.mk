# stage-30-segment.mk: crm-segment on the sample shop: RFM scores and named
# segments of the customers (with the summary per segment), four k-means
# segments on recency and log frequency and money with their profile,
# the saved model applied back, and the lifecycle stage of every
# customer.  (Included by samples/Makefile.)

DEMO_STAGES += segment

segment:
	@mkdir -p $(OUT)
	@echo
	@echo "== segment: crm-segment on the RFM table of transactions.csv"
	crm-metrics rfm -o $(OUT)/segment-rfm-in.csv transactions.csv
	crm-segment rfm -o $(OUT)/rfm-segments.csv $(OUT)/segment-rfm-in.csv
	crm-segment rfm --summary -o $(OUT)/rfm-summary.csv \
	    $(OUT)/segment-rfm-in.csv
	@echo "RFM segments ($(OUT)/rfm-segments.csv), per segment:"
	@awk -F, 'BEGIN { OFS = "," } NR > 1 { for (i = 3; i <= 7; i++) \
	    if ($$i != "") $$i = sprintf("%.2f", $$i) } { print }' \
	    $(OUT)/rfm-summary.csv > $(OUT)/rfm-summary-short.csv
	@$(SHOW) $(OUT)/rfm-summary-short.csv 12
	crm-segment kmeans -q -k 4 -c recency,frequency,monetary_total \
	    --log frequency,monetary_total --profile $(OUT)/kmeans-profile.csv \
	    -m $(OUT)/segment.model -o $(OUT)/kmeans-segments.csv \
	    $(OUT)/segment-rfm-in.csv
	@echo "k-means segments ($(OUT)/kmeans-segments.csv), profile in original units:"
	@awk -F, 'BEGIN { OFS = "," } NR > 1 { for (i = 3; i <= NF; i++) \
	    $$i = sprintf("%.2f", $$i) } { print }' $(OUT)/kmeans-profile.csv \
	    > $(OUT)/kmeans-profile-short.csv
	@$(SHOW) $(OUT)/kmeans-profile-short.csv 5
	crm-segment apply -m $(OUT)/segment.model -o $(OUT)/applied.csv \
	    $(OUT)/segment-rfm-in.csv
	@cmp -s $(OUT)/applied.csv $(OUT)/kmeans-segments.csv && \
	    echo "the saved model gives every customer the same segment"
	crm-segment lifecycle -o $(OUT)/lifecycle.csv transactions.csv
	@echo "lifecycle stages ($(OUT)/lifecycle.csv):"
	@awk -F, 'NR > 1 { n[$$NF]++ } END { for (s in n) \
	    printf "    %-10s %d\n", s, n[s] }' $(OUT)/lifecycle.csv | sort

.PHONY: segment
