# stage-70-sentiment.mk: crm-sentiment on the sample reviews (English and
# Chinese): the lexicon scores with no training, how they agree with the
# reviews' labels, a trained model checked by 5-fold cross-validation,
# and the share of negative reviews per product.
# (Included by samples/Makefile.)

DEMO_STAGES += sentiment

sentiment:
	@mkdir -p $(OUT)
	@echo
	@echo "== sentiment: crm-sentiment on reviews.csv"
	crm-sentiment score -o $(OUT)/sentiment.csv reviews.csv
	@echo "lexicon scores ($(OUT)/sentiment.csv):"
	@awk -F, 'NR > 1 && $$0 !~ /"/ { print $$3 "," $$(NF - 1) "," $$NF }' \
	    $(OUT)/sentiment.csv | head -n 5 | \
	    sed '1i item,sentiment_score,sentiment' > $(OUT)/sentiment-short.csv
	@$(SHOW) $(OUT)/sentiment-short.csv 6
	@awk -F, 'NR > 1 { n++; ok += $$NF == $$(NF - 2) } END { \
	    printf "lexicon label = review label: %d of %d (%.1f%%)\n", \
	    ok, n, 100 * ok / n }' $(OUT)/sentiment.csv
	crm-sentiment cv -k 5 -o $(OUT)/sentiment-cv.csv reviews.csv
	@awk -F, '$$1 == "accuracy" || $$1 == "macro_f1" { \
	    printf "    5-fold cross-validation %s %.3f\n", $$1, $$4 }' \
	    $(OUT)/sentiment-cv.csv
	@awk -F, 'NR > 1 { n[$$3]++; if ($$NF == "negative") neg[$$3]++ } \
	    END { print "item,reviews,negative,share"; \
	    for (i in n) printf "%s,%d,%d,%.2f\n", i, n[i], neg[i], \
	    neg[i] / n[i] }' $(OUT)/sentiment.csv | \
	    { IFS= read -r h; echo "$$h"; sort -t, -k4,4gr -k1,1; } \
	    > $(OUT)/negative-share.csv
	@echo "share of negative reviews per product ($(OUT)/negative-share.csv), top 5:"
	@$(SHOW) $(OUT)/negative-share.csv 6

.PHONY: sentiment
