#!/bin/sh
# crm-clean with no options against Python's csv module: every CSV input
# of the golden tests and of csv-spectrum that crm-clean accepts must come
# out as the same records, field for field, as csv.reader reads from the
# input; and the gzip of each input must give the same bytes as the input.
command -v python3 >/dev/null || { echo "skip clean_python: no python3"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in tests/crm-clean/*.in.csv tests/crm-clean/*.data \
    "$CRM_REFDATA"/csv_spectrum/csvs/*.csv; do
	[ -f "$f" ] || continue
	n=$(basename "$f")
	crm-clean "$f" >"$tmp/out" 2>/dev/null || continue
	if python3 - "$f" "$tmp/out" <<'PY'
import csv, io, sys
def records(path):
    with open(path, newline="", encoding="utf-8", errors="surrogateescape") as f:
        data = f.read()
    if data.startswith("\ufeff"):
        data = data[1:]
    # blank lines are not records (crmkit, like libcsv)
    return [r for r in csv.reader(io.StringIO(data, newline="")) if r]
sys.exit(0 if records(sys.argv[1]) == records(sys.argv[2]) else 1)
PY
	then echo "ok python-csv/$n"
	else echo "not ok python-csv/$n: records differ from Python's csv"
	fi
	gzip -nc "$f" >"$tmp/in.gz"
	if crm-clean "$tmp/in.gz" | cmp -s - "$tmp/out"; then
		echo "ok gzip-same/$n"
	else
		echo "not ok gzip-same/$n: gzip input gives other output"
	fi
done
