# stage-80-answer.mk: crm-answer, the customer-service bot, on the sample
# shop: the bilingual FAQ faq.csv (written for the demo) indexed, then
# every sample review asked as if it were a customer's message.  Most
# reviews ask nothing (praise): they should fall back to a person;
# complaints should get an answer.  Then the fallback rate per review
# label, a few answers, and a question learnt from a person's reply.
# (Included by samples/Makefile.)

DEMO_STAGES += answer

answer:
	@mkdir -p $(OUT)
	@echo
	@echo "== answer: crm-answer on faq.csv and reviews.csv"
	crm-answer index -m $(OUT)/faq.model faq.csv
	crm-answer ask -m $(OUT)/faq.model --min-score 0.4 \
	    -o $(OUT)/answers.csv reviews.csv
	@echo "reviews answered from the FAQ at --min-score 0.4 ($(OUT)/answers.csv);"
	@echo "fallback = handed to a person, by review label:"
	@crm-clean --select label,fallback -q $(OUT)/answers.csv | \
	    awk -F, 'NR > 1 { n[$$1]++; f[$$1] += $$2 } \
	    END { print "label,reviews,fallback,fallback_rate"; \
	    for (l in n) printf "%s,%d,%d,%.2f\n", l, n[l], f[l], f[l] / n[l] }' | \
	    sort > $(OUT)/answer-fallback.csv
	@$(SHOW) $(OUT)/answer-fallback.csv 4
	@echo "complaints and their answers (first 5):"
	@crm-clean -q --where 'fallback == 0 and label == "negative"' \
	    --select text,answer_id,score $(OUT)/answers.csv | head -n 6 \
	    > $(OUT)/answer-top.csv
	@$(SHOW) $(OUT)/answer-top.csv 6
	@printf 'text,id\nThe parcel never came,tracking\n快递一直没到,tracking\n' \
	    > $(OUT)/feedback.csv
	crm-answer learn -m $(OUT)/faq.model $(OUT)/feedback.csv
	@printf 'text\nmy parcel never came\n快递一直没到怎么办\n' | \
	    crm-answer ask -m $(OUT)/faq.model | crm-clean -q \
	    --select text,answer_id,score,fallback > $(OUT)/answer-learnt.csv
	@echo "after learn ($(OUT)/answer-learnt.csv):"
	@$(SHOW) $(OUT)/answer-learnt.csv 3
