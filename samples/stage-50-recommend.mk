# stage-50-recommend.mk: crm-recommend on the sample shop: five offers for
# every customer of customers.csv (rows without an id skipped and
# counted; EASE blended with the content of items.csv), the items
# bought together, and the evaluation table of every algorithm beside
# the popularity baseline.  (Included by samples/Makefile.)

DEMO_STAGES += recommend

recommend:
	@mkdir -p $(OUT)
	@echo
	@echo "== recommend: crm-recommend on transactions.csv and items.csv"
	crm-recommend train --algo hybrid --items items.csv \
	    --text category,description -m $(OUT)/recommend.model.gz \
	    transactions.csv
	crm-recommend top -n 5 -m $(OUT)/recommend.model.gz --skip-bad \
	    -o $(OUT)/offers.csv customers.csv
	@echo "top 5 per customer ($(OUT)/offers.csv), the first two customers:"
	@$(SHOW) $(OUT)/offers.csv 10
	crm-recommend similar -n 3 -o $(OUT)/similar.csv transactions.csv
	@echo "bought together ($(OUT)/similar.csv):"
	@$(SHOW) $(OUT)/similar.csv 6
	crm-recommend eval --items items.csv --text category,description \
	    --algo itemknn,userknn,ease,als,content,hybrid \
	    -o $(OUT)/recommend-eval.csv transactions.csv
	@echo "held out 20% of the pairs, top 10 ($(OUT)/recommend-eval.csv):"
	@$(SHOW) $(OUT)/recommend-eval.csv 8
