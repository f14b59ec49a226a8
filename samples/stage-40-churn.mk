# stage-40-churn.mk: crm-churn on the sample data.  The customers' RFM up
# to 2024-07-01 (crm-metrics rfm --asof on the earlier transactions) and
# their country are the features; a customer who bought nothing from
# then to the end of the data is "churned", else "active".  A forest is
# cross-validated, trained and evaluated, then applied to every
# customer's RFM of today: the ten recent buyers most at risk are listed.  (Included by samples/Makefile.)

DEMO_STAGES += churn

CHURN_CUT = 2024-07-01

churn:
	@mkdir -p $(OUT)
	@echo
	@echo "== churn: crm-churn on RFM before $(CHURN_CUT), label: no purchase after"
	crm-clean --where 'date < "$(CHURN_CUT)"' -o $(OUT)/churn-before.csv \
	    transactions.csv
	crm-metrics rfm --digits 2 --asof $(CHURN_CUT) -o $(OUT)/churn-rfm.csv \
	    $(OUT)/churn-before.csv
	@awk -F, -v c=$(CHURN_CUT) 'FNR == 1 { f++; next } \
	    f == 1 && $$3 >= c { after[$$2] = 1; next } \
	    f == 2 { country[$$1] = $$6; next } \
	    f == 3 { print $$1 "," $$4 "," $$5 "," $$6 "," $$7 "," $$8 "," \
	    country[$$1] "," ($$1 in after ? "active" : "churned") }' \
	    transactions.csv customers.csv $(OUT)/churn-rfm.csv | \
	    { echo customer_id,recency,frequency,monetary_total,monetary_mean,tenure,country,status; \
	    cat; } > $(OUT)/churn-table.csv
	@echo "$$(($$(wc -l < $(OUT)/churn-table.csv) - 1)) customers, $$(grep -c ',churned$$' $(OUT)/churn-table.csv) churned ($(OUT)/churn-table.csv):"
	@$(SHOW) $(OUT)/churn-table.csv 4
	crm-churn cv -q --label status --id customer_id --trees 200 -k 5 \
	    --format text $(OUT)/churn-table.csv > $(OUT)/churn-cv.txt
	@echo "5-fold cross-validation of the forest ($(OUT)/churn-cv.txt):"
	@grep -E '^(roc_auc|accuracy|log_loss)' $(OUT)/churn-cv.txt | sed 's/^/    /'
	crm-churn train -q --label status --id customer_id \
	    -m $(OUT)/churn.model $(OUT)/churn-table.csv
	crm-churn predict -m $(OUT)/churn.model -o $(OUT)/churn-scored.csv \
	    $(OUT)/churn-table.csv
	crm-churn eval --label status --format text $(OUT)/churn-scored.csv \
	    > $(OUT)/churn-eval.txt
	@echo "the model on its own training rows ($(OUT)/churn-eval.txt):"
	@sed -n '1,10p' $(OUT)/churn-eval.txt | sed 's/^/    /'
	crm-churn importance -m $(OUT)/churn.model -o $(OUT)/churn-importance.csv
	@echo "what the forest uses ($(OUT)/churn-importance.csv):"
	@$(SHOW) $(OUT)/churn-importance.csv 6
	crm-metrics rfm --digits 2 -o $(OUT)/churn-rfm-now.csv transactions.csv
	@awk -F, 'FNR == 1 { f++; next } f == 1 { country[$$1] = $$6; next } \
	    { print $$1 "," $$4 "," $$5 "," $$6 "," $$7 "," $$8 "," \
	    country[$$1] }' customers.csv $(OUT)/churn-rfm-now.csv | \
	    { echo customer_id,recency,frequency,monetary_total,monetary_mean,tenure,country; \
	    cat; } > $(OUT)/churn-now.csv
	crm-churn predict -m $(OUT)/churn.model -o $(OUT)/churn-now-scored.csv \
	    $(OUT)/churn-now.csv
	@{ head -n 1 $(OUT)/churn-now-scored.csv; \
	    awk -F, 'NR > 1 && $$2 <= 180' $(OUT)/churn-now-scored.csv | \
	    sort -t, -k8,8 -g -r | head -n 10; } > $(OUT)/churn-at-risk.csv
	@echo "the model applied to every customer today: the ten most at risk" \
	    "among those who bought in the last 180 days ($(OUT)/churn-at-risk.csv):"
	@$(SHOW) $(OUT)/churn-at-risk.csv 11
