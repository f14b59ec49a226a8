# stage-20-metrics.mk: crm-metrics on the sample data: RFM per customer,
# the business summary per quarter, BG/NBD + Gamma-Gamma CLV, quarterly
# cohort retention and NPS per channel.  (Included by samples/Makefile.)

DEMO_STAGES += metrics

metrics:
	@mkdir -p $(OUT)
	@echo
	@echo "== metrics: crm-metrics on transactions.csv and survey.csv"
	crm-metrics rfm -o $(OUT)/rfm.csv transactions.csv
	@echo "RFM, $$(($$(wc -l < $(OUT)/rfm.csv) - 1)) customers ($(OUT)/rfm.csv):"
	@$(SHOW) $(OUT)/rfm.csv 4
	crm-metrics summary --period quarter -o $(OUT)/summary.csv transactions.csv
	@echo "per quarter ($(OUT)/summary.csv; orders are distinct order_id values):"
	@$(SHOW) $(OUT)/summary.csv 7
	crm-metrics clv --algo bgnbd --spend gammagamma --freq W --horizon 52 \
	    -m $(OUT)/clv.model -o $(OUT)/clv.csv transactions.csv
	crm-metrics clv --use $(OUT)/clv.model --spend gammagamma --freq W \
	    --params -o $(OUT)/clv-params.csv transactions.csv
	@echo "CLV over 52 weeks at 1%/month ($(OUT)/clv.csv), top 3:"
	@{ head -n 1 $(OUT)/clv.csv; tail -n +2 $(OUT)/clv.csv | \
	    sort -t, -k9,9 -g -r | head -n 3; } > $(OUT)/clv-top.csv
	@$(SHOW) $(OUT)/clv-top.csv 4
	@awk -F, 'NR > 1 { printf "%s%s %s = %.4g", (NR > 2 ? ", " : "    "), \
	    $$1, $$2, $$3 } END { print "" }' $(OUT)/clv-params.csv
	crm-metrics retention --period quarter --pct -o $(OUT)/retention.csv \
	    transactions.csv
	@echo "quarterly cohort retention, % ($(OUT)/retention.csv):"
	@awk -F, 'BEGIN { OFS = "," } { for (i = 3; i <= NF; i++) \
	    if ($$i ~ /\./) $$i = sprintf("%.1f", $$i); print }' \
	    $(OUT)/retention.csv > $(OUT)/retention-short.csv
	@$(SHOW) $(OUT)/retention-short.csv 8
	crm-metrics nps --by channel -o $(OUT)/nps.csv survey.csv
	@echo "NPS per channel with 95% interval ($(OUT)/nps.csv):"
	@awk -F, 'BEGIN { OFS = "," } NR > 1 { for (i = 6; i <= 8; i++) \
	    $$i = sprintf("%.1f", $$i) } { print }' $(OUT)/nps.csv \
	    > $(OUT)/nps-short.csv
	@$(SHOW) $(OUT)/nps-short.csv 6

.PHONY: metrics
