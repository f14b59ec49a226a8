#!/bin/sh
# --ws on the raw CDNOW purchase log (whitespace-separated, leading
# blanks, CRLF line ends): crm-clean --ws must give one row per record
# line, with the fields awk splits, for all of them.
f="$CRM_REFDATA/cdnow/CDNOW_master.txt"
[ -r "$f" ] || { echo "skip ws_cdnow: no $f"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
want=$(tr -d '\r' <"$f" | awk 'NF { n++ } END { print n - 1 }')
if ! crm-clean --ws "$f" >"$tmp/got.csv" 2>"$tmp/err"; then
	echo "not ok ws_cdnow: crm-clean --ws failed: $(cat "$tmp/err")"
	exit 0
fi
got=$(($(wc -l <"$tmp/got.csv") - 1))
tr -d '\r' <"$f" | awk 'NF { $1 = $1; print }' OFS=, >"$tmp/want.csv"
if [ "$got" -ne "$want" ]; then
	echo "not ok ws_cdnow: $got rows, want $want"
elif ! cmp -s "$tmp/got.csv" "$tmp/want.csv"; then
	echo "not ok ws_cdnow: rows differ from awk's fields:"
	diff "$tmp/want.csv" "$tmp/got.csv" | head -n 5
else
	echo "ok ws_cdnow: $got rows, every field as awk splits it"
fi
