# samples/report.mk: the sample shop's report, samples/out/report.html,
# built by crm-plot from what crm-metrics and crm-clean compute.
# `make report` (stage-90-report.mk) runs it as its own make, so that
# `make -j` builds the parts at once and rebuilds only what changed:
# every stage is a file rule, data -> CSV -> SVG or HTML -> page.
#
#   make -C samples report BIN=$PWD/bin      (from the top: make demo)
#

BIN	?= ../bin
export LC_ALL := C
OUT	?= out
R	 = $(OUT)/report
METRICS	 = $(BIN)/crm-metrics
CLEAN	 = $(BIN)/crm-clean
PLOT	 = $(BIN)/crm-plot
SEGMENT	 = $(BIN)/crm-segment
RULES	 = $(BIN)/crm-rules
SENTIMENT = $(BIN)/crm-sentiment

PARTS	 = $(R)/revenue.svg $(R)/groups.svg $(R)/groups-pie.svg \
	   $(R)/kmeans.svg $(R)/rules.html $(R)/retention.svg $(R)/clv.svg \
	   $(R)/nps.svg $(R)/nps.html \
	   $(R)/top-clv.html $(R)/sentiment.svg $(R)/cities.svg \
	   $(R)/reviews-zh.html

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

# Customer segments: the named RFM segments of crm-segment (customers
# and revenue share per segment), and k-means segments of recency,
# frequency and spend (log scales) drawn as a scatter.
$(R)/rfm.csv: transactions.csv $(METRICS) $(R)/.dir
	$(METRICS) rfm -o $@ transactions.csv
$(R)/segments.csv: $(R)/rfm.csv $(SEGMENT)
	$(SEGMENT) rfm --summary -o $@ $<
$(R)/groups.svg: $(R)/segments.csv $(PLOT)
	$(PLOT) bar -x segment -y customers \
	    --title 'Customers by RFM segment' --xlabel '' -o $@ $<
$(R)/groups-pie.svg: $(R)/segments.csv $(PLOT)
	$(PLOT) pie -x segment -y revenue_share \
	    --title 'Revenue by RFM segment' -o $@ $<
$(R)/kmeans.csv: $(R)/rfm.csv $(SEGMENT)
	$(SEGMENT) kmeans -q -k 4 -c recency,frequency,monetary_total \
	    --log frequency,monetary_total -o $@ $<
$(R)/kmeans.svg: $(R)/kmeans.csv $(PLOT)
	$(PLOT) scatter -x frequency -y monetary_total --by segment \
	    --log xy --title 'k-means segments (k = 4) of recency, frequency and spend' \
	    --xlabel 'purchases (log scale)' --ylabel 'spend ($$, log scale)' \
	    -o $@ $<

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

# What the reviews feel, per product (English and Chinese, the lexicon
# scorer: no training).
$(R)/sentiment.csv: reviews.csv $(SENTIMENT) $(R)/.dir
	$(SENTIMENT) score -o $@ reviews.csv
$(R)/sentiment.svg: $(R)/sentiment.csv $(PLOT)
	$(PLOT) bar -x item --by sentiment --stacked --width 1100 \
	    --title 'Reviews by product and sentiment' --xlabel '' \
	    --ylabel reviews -o $@ $<

# Where customers live (Chinese city names as characters), and what
# the Chinese reviews say.
$(R)/cities.svg: customers.csv $(CLEAN) $(PLOT) $(R)/.dir
	$(CLEAN) --trim customers.csv | $(PLOT) bar -x city \
	    --title 'Customer records by city' --ylabel customers -o $@
$(R)/reviews-zh.html: reviews.csv $(CLEAN) $(PLOT) $(R)/.dir
	$(CLEAN) --where "text =~ '\p{Han}'" reviews.csv | \
	    $(PLOT) table -n 8 --title 'Reviews written in Chinese' -o $@

# Cross-sell: the ten rules of highest lift among the orders.
$(R)/rules.html: transactions.csv $(RULES) $(PLOT) $(R)/.dir
	$(RULES) --min-support 0.01 --min-confidence 0.3 --sort lift -n 10 \
	    transactions.csv | $(PLOT) table --decimals 3 \
	    --title 'Cross-sell rules with the highest lift' -o $@

.PHONY: all
