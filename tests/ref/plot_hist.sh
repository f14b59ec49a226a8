#!/bin/sh
# Reference parity of crm-plot hist on the IBM telco churn customers:
# the Freedman-Diaconis bins and their counts equal an independent
# computation in Python (quartiles as numpy's linear default, width
# 2 IQR / n^(1/3) rounded up to 1, 2 or 5 times a power of ten, bins
# from floor(min / w) * w, [lower, upper)), for MonthlyCharges and for
# TotalCharges, whose 11 blank cells are bad rows (--skip-bad).
# Prints "ok NAME", "not ok NAME: why" or "skip NAME: why" per check.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BIN=${BIN:-bin}
f=${CRM_REFDATA:-../shared/data}/telco_churn/Telco-Customer-Churn.csv
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crmref.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C TZ=UTC
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

if [ ! -r "$f" ]; then
	echo "skip plot_hist_telco: no $f"
	exit 0
fi
if ! command -v "$py" >/dev/null 2>&1; then
	echo "skip plot_hist_telco: no python3"
	exit 0
fi
for col in MonthlyCharges TotalCharges; do
	"$BIN/crm-plot" hist -x $col --skip-bad "$f" >"$tmp/h.svg" \
	    2>"$tmp/err" || { echo "not ok plot_hist_$col: exit $?"; continue; }
	{
		grep -o 'n = [^<]*' "$tmp/h.svg"
		grep -o '<title>\[[^<]*' "$tmp/h.svg" | sed 's/.*: //; s/,//g'
		cat "$tmp/err"
	} >"$tmp/got"
	$py - "$f" $col >"$tmp/want" <<'PY'
import csv, math, sys
v, bad = [], 0
for r in csv.DictReader(open(sys.argv[1], newline='')):
    s = r[sys.argv[2]].strip()
    if s == '':
        bad += 1
    else:
        v.append(float(s))
v.sort()
n = len(v)
def q(p):
    pos = p * (n - 1); k = math.floor(pos)
    return v[k] + (pos - k) * (v[min(k + 1, n - 1)] - v[k])
h = 2 * (q(.75) - q(.25)) / n ** (1 / 3)
m = 10 ** math.floor(math.log10(h)); f = h / m
w = (1 if f <= 1 + 1e-9 else 2 if f <= 2 + 1e-9 else 5 if f <= 5 + 1e-9 else 10) * m
start = math.floor(v[0] / w) * w
nb = math.floor((v[-1] - start) / w) + 1
c = [0] * nb
for x in v:
    c[min(max(math.floor((x - start) / w), 0), nb - 1)] += 1
print("n = {:,}, {} bin{} of width {:g}".format(n, nb, "" if nb == 1 else "s", w))
for k in c:
    if k:
        print(k)
if bad:
    print("crm-plot: {} bad row{} skipped".format(bad, "" if bad == 1 else "s"))
PY
	if cmp -s "$tmp/got" "$tmp/want"; then
		echo "ok plot_hist_$col ($(head -n 1 "$tmp/got"))"
	else
		echo "not ok plot_hist_$col: $(diff "$tmp/want" "$tmp/got" |
		    head -n 6 | tr '\n' ' ')"
	fi
done
