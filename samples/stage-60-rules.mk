# stage-60-rules.mk: crm-rules on the sample orders: the cross-sell rules
# with the highest lift, and from them each customer's cross-sell list
# (the items the rules recommend that the customer has not bought).
# (Included by samples/Makefile.)

DEMO_STAGES += rules

rules:
	@mkdir -p $(OUT)
	@echo
	@echo "== rules: crm-rules on the orders of transactions.csv"
	crm-rules --min-support 0.01 --min-confidence 0.3 \
	    -o $(OUT)/rules.csv transactions.csv
	@echo "$$(($$(wc -l < $(OUT)/rules.csv) - 1)) rules, the top 5 by lift ($(OUT)/rules.csv):"
	@cut -d, -f1-5,8 $(OUT)/rules.csv | head -n 6 > $(OUT)/rules-top.csv
	@$(SHOW) $(OUT)/rules-top.csv 6
	crm-rules apply --rules $(OUT)/rules.csv --order customer_id -n 3 \
	    -o $(OUT)/cross-sell.csv transactions.csv
	@echo "cross-sell lists of $$(tail -n +2 $(OUT)/cross-sell.csv | cut -d, -f1 | sort -u | wc -l) customers, the first ($(OUT)/cross-sell.csv):"
	@$(SHOW) $(OUT)/cross-sell.csv 7
