# samples/report.mk: the sample shop's report, samples/out/report.html,
# built by crm-plot from what crm-metrics and crm-clean compute.
# `make report` (stage-report.mk) runs it as its own make, so that
# `make -j` builds the parts at once and rebuilds only what changed:
# every stage is a file rule, data -> CSV -> SVG or HTML -> page.
#
#   make -C samples report BIN=$PWD/bin      (from the top: make demo)
#
# Charts that wait for programs not written yet (add them here then):
# k-means segments (crm-segment kmeans | crm-plot scatter --by segment),
# sentiment share by product (crm-sentiment score | crm-plot bar
# --stacked), top cross-sell rules (crm-rules | crm-plot table).  Until
# crm-segment exists, the "RFM groups" are purchase-frequency bands
# split by recency, banded by awk from crm-metrics rfm.

BIN	?= ../bin
export LC_ALL := C
OUT	?= out
R	 = $(OUT)/report
METRICS	 = $(BIN)/crm-metrics
CLEAN	 = $(BIN)/crm-clean
PLOT	 = $(BIN)/crm-plot

PARTS	 = $(R)/revenue.svg $(R)/groups.svg $(R)/groups-pie.svg \
	   $(R)/retention.svg $(R)/clv.svg $(R)/nps.svg $(R)/nps.html \
	   $(R)/top-clv.html $(R)/cities.svg $(R)/reviews-zh.html

all: $(OUT)/report.html

$(OUT)/report.html: $(PARTS) $(PLOT)
	$(PLOT) page --title 'Sample shop: customer report' -o $@ $(PARTS)

$(R)/.dir:
	@mkdir -p $(R) && touch $@

# Revenue by month: the monthly summary, as a line in time.
$(R)/summary-month.csv: transactions.csv $(METRICS) $(R)/.dir
	$(METRICS) summary --period month -o $@ transactions.csv
$(R)/revenue.svg: $(R)/summary-month.csv $(PLOT)
	$(PLOT) line -x period -y revenue --title 'Revenue by month' \
	    --xlabel month --ylabel 'revenue ($$)' -o $@ $<

# Customer groups: purchases (1, 2-3, 4-7, 8+) by recency (active: a
# purchase in the last 90 days), from the RFM table.
$(R)/rfm.csv: transactions.csv $(METRICS) $(R)/.dir
	$(METRICS) rfm -o $@ transactions.csv
$(R)/groups.csv: $(R)/rfm.csv
	awk -F, 'NR > 1 { f = $$5; b = f == 1 ? "1 purchase" : \
	    f <= 3 ? "2-3 purchases" : f <= 7 ? "4-7 purchases" : \
	    "8+ purchases"; s = $$4 <= 90 ? "active" : "lapsed"; \
	    n[b "," s]++; m[b "," s] += $$6 } \
	    END { print "group,status,customers,revenue"; \
	    for (k in n) print k "," n[k] "," m[k] }' $< | \
	    { read h; echo "$$h"; sort; } > $@.tmp && mv $@.tmp $@
$(R)/groups-revenue.csv: $(R)/groups.csv
	awk -F, 'NR > 1 { r[$$1] += $$4 } END { print "group,revenue"; \
	    for (g in r) print g "," r[g] }' $< | \
	    { read h; echo "$$h"; sort; } > $@.tmp && mv $@.tmp $@
$(R)/groups.svg: $(R)/groups.csv $(PLOT)
	$(PLOT) bar -x group -y customers --by status --stacked \
	    --title 'Customers by purchase frequency and recency' \
	    --xlabel '' -o $@ $<
$(R)/groups-pie.svg: $(R)/groups-revenue.csv $(PLOT)
	$(PLOT) pie -x group -y revenue \
	    --title 'Revenue by purchase frequency' -o $@ $<

# Monthly cohort retention, in percent.
$(R)/retention.csv: transactions.csv $(METRICS) $(R)/.dir
	$(METRICS) retention --period month --pct --long -o $@ transactions.csv
$(R)/retention.svg: $(R)/retention.csv $(PLOT)
	$(PLOT) heatmap -x period -y cohort -z pct --height 600 \
	    --title 'Customers still buying, by monthly cohort (%)' \
	    --xlabel 'months since the first purchase' --ylabel cohort -o $@ $<

# Predicted lifetime value (BG/NBD + Gamma-Gamma, 52 weeks).
$(R)/clv.csv: transactions.csv $(METRICS) $(R)/.dir
	$(METRICS) clv --algo bgnbd --spend gammagamma --freq W --horizon 52 \
	    -o $@ transactions.csv
$(R)/clv.svg: $(R)/clv.csv $(PLOT)
	$(PLOT) hist -x clv --log x \
	    --title 'Predicted customer value, next 52 weeks' \
	    --xlabel 'CLV ($$, log scale)' --ylabel customers -o $@ $<
$(R)/top-clv.html: $(R)/clv.csv $(PLOT)
	{ head -n 1 $<; tail -n +2 $< | sort -t, -k9,9 -g -r; } | \
	    $(PLOT) table -n 10 --title 'Top 10 customers by predicted value' \
	    -o $@

# NPS per channel.
$(R)/nps.csv: survey.csv $(METRICS) $(R)/.dir
	$(METRICS) nps --by channel -o $@ survey.csv
$(R)/nps.svg: $(R)/nps.csv $(PLOT)
	$(PLOT) bar -x channel -y nps --low nps_low --high nps_high \
	    --title 'Net promoter score by channel, with its 95% interval' \
	    -o $@ $<
$(R)/nps.html: $(R)/nps.csv $(PLOT)
	$(PLOT) table --decimals 1 --title 'NPS by channel, 95% interval' \
	    -o $@ $<

# Where customers live (Chinese city names as characters), and what
# the Chinese reviews say.
$(R)/cities.svg: customers.csv $(CLEAN) $(PLOT) $(R)/.dir
	$(CLEAN) --trim customers.csv | $(PLOT) bar -x city \
	    --title 'Customer records by city' --ylabel customers -o $@
$(R)/reviews-zh.html: reviews.csv $(CLEAN) $(PLOT) $(R)/.dir
	$(CLEAN) --where "text =~ '\p{Han}'" reviews.csv | \
	    $(PLOT) table -n 8 --title 'Reviews written in Chinese' -o $@

.PHONY: all
