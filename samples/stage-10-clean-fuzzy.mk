# crm-clean --fuzzy: the sample customers entered more than once (copies,
# copies without their id), found without labels; the clusters of two
# rows or more are shown.
DEMO_STAGES += fuzzy

fuzzy:
	@mkdir -p $(OUT)
	@echo "== fuzzy: crm-clean --fuzzy on customers.csv"
	crm-clean --fuzzy name,email,phone,city --pairs $(OUT)/fuzzy-pairs.csv \
	    -o $(OUT)/customers-clustered.csv customers.csv
	@awk -F, 'NR > 1 { n[$$NF]++ } END { c = 0; r = 0; \
	    for (k in n) if (n[k] > 1) { c++; r += n[k] } \
	    printf "%d clusters of 2 rows or more, holding %d rows\n", c, r }' \
	    $(OUT)/customers-clustered.csv
	@echo "rows in clusters ($(OUT)/customers-clustered.csv):"
	@awk -F, 'NR == FNR { if (FNR > 1) n[$$NF]++; next } \
	    FNR == 1 || n[$$NF] > 1' $(OUT)/customers-clustered.csv \
	    $(OUT)/customers-clustered.csv | \
	    sort -t, -k8,8n -s >$(OUT)/customers-clusters.csv
	@$(SHOW) $(OUT)/customers-clusters.csv 12
