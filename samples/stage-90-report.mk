# stage-90-report.mk: the HTML report of the sample shop (crm-plot), made
# by its own makefile, report.mk, so that `make -j` builds its parts at
# once and rebuilds only what changed.  (Included by samples/Makefile.)

DEMO_STAGES += report

report:
	@echo
	@echo "== report: crm-plot charts and tables into $(OUT)/report.html"
	@$(MAKE) --no-print-directory -f report.mk BIN=$(BIN) OUT=$(OUT)
	@echo "open $(OUT)/report.html in a browser;" \
	    "parts (SVG, HTML, CSV) in $(OUT)/report/"

.PHONY: report
