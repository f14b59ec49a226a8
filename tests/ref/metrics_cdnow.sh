#!/bin/sh
# Reference parity of crm-metrics on the CDNOW data of Fader and Hardie
# (as shipped with the lifetimes library):
#  - BG/NBD on cdnow_customers_summary.csv: r, alpha, a, b within 0.5% of
#    0.2426, 4.4135, 0.7929, 2.4258, the log-likelihood -9582.4 (the
#    paper), and E[X(39) | x=2, t_x=30.43, T=38.86] = 1.226 +- 0.001;
#  - Gamma-Gamma on the repeat buyers of
#    cdnow_customers_summary_with_transactions.csv: p, q, v within 1% of
#    6.25, 3.74, 15.44;
#  - rfm --lifetimes on CDNOW_sample.txt reproduces frequency, recency
#    and T of cdnow_customers_summary.csv for every customer.
# Prints "ok NAME", "not ok NAME: why" or "skip NAME: why" per check.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BIN=${BIN:-bin}
data=${CRM_REFDATA:-../shared/data}/cdnow
m="$BIN/crm-metrics"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crmref.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C TZ=UTC

# within NAME GOT WANT RELTOL
within() {
	awk -v n="$1" -v g="$2" -v w="$3" -v t="$4" 'BEGIN {
		e = (g - w) / w; if (e < 0) e = -e
		if (g != "" && e <= t) printf "ok %s (%s, want %s)\n", n, g, w
		else printf "not ok %s: got %s, want %s within %g\n", n, g, w, t
	}'
}
param() { awk -F, -v m="$2" -v p="$3" '$1 == m && $2 == p { print $3 }' "$1"; }

if [ ! -r "$data/cdnow_customers_summary.csv" ]; then
	echo "skip metrics_bgnbd_cdnow: no $data/cdnow_customers_summary.csv"
else
	"$m" clv --algo bgnbd --params --customer ID -m "$tmp/bg.model" \
	    "$data/cdnow_customers_summary.csv" > "$tmp/p.csv"
	within metrics_bgnbd_r "$(param "$tmp/p.csv" bgnbd r)" 0.2426 0.005
	within metrics_bgnbd_alpha "$(param "$tmp/p.csv" bgnbd alpha)" 4.4135 0.005
	within metrics_bgnbd_a "$(param "$tmp/p.csv" bgnbd a)" 0.7929 0.005
	within metrics_bgnbd_b "$(param "$tmp/p.csv" bgnbd b)" 2.4258 0.005
	within metrics_bgnbd_loglik "$(param "$tmp/p.csv" bgnbd log_likelihood)" \
	    -9582.4 0.00001
	printf 'ID,frequency,recency,T\n1,2,30.43,38.86\n' > "$tmp/one.csv"
	e=$("$m" clv --use "$tmp/bg.model" --customer ID --horizon 39 \
	    "$tmp/one.csv" | awk -F, 'NR == 2 { print $5 }')
	awk -v e="$e" 'BEGIN { d = e - 1.226; if (d < 0) d = -d
		if (e != "" && d <= 0.001)
			printf "ok metrics_bgnbd_expected_39 (%s)\n", e
		else printf "not ok metrics_bgnbd_expected_39: got %s, want 1.226\n", e }'
fi

f="$data/cdnow_customers_summary_with_transactions.csv"
if [ ! -r "$f" ]; then
	echo "skip metrics_gammagamma_cdnow: no $f"
else
	sed '1s/.*/ID,frequency,recency,T,monetary_value/' "$f" > "$tmp/gg.csv"
	"$m" clv --algo bgnbd --spend gammagamma --params --customer ID \
	    "$tmp/gg.csv" > "$tmp/g.csv"
	within metrics_gammagamma_p "$(param "$tmp/g.csv" gammagamma p)" 6.25 0.01
	within metrics_gammagamma_q "$(param "$tmp/g.csv" gammagamma q)" 3.74 0.01
	within metrics_gammagamma_v "$(param "$tmp/g.csv" gammagamma v)" 15.44 0.01
	n=$(param "$tmp/g.csv" gammagamma customers)
	[ "$n" = 946 ] && echo "ok metrics_gammagamma_repeat_buyers (946)" ||
	    echo "not ok metrics_gammagamma_repeat_buyers: $n, want 946"
fi

if [ ! -r "$data/CDNOW_sample.txt" ] ||
    [ ! -r "$data/cdnow_customers_summary.csv" ]; then
	echo "skip metrics_lifetimes_cdnow_sample: no CDNOW_sample.txt"
else
	# whitespace columns master_id sample_id date cds dollars -> CSV
	{ echo customer_id,date,amount
	  tr -d '\r' < "$data/CDNOW_sample.txt" |
	  awk '{ printf "%d,%s,%s\n", $2, $3, $5 }'; } > "$tmp/tx.csv"
	"$m" rfm --lifetimes --asof 1997-09-30 --freq-multiplier 7 \
	    "$tmp/tx.csv" > "$tmp/lt.csv"
	awk -F, 'NR == FNR { if (FNR > 1) { x[$1] = $2; r[$1] = $3; t[$1] = $4 }
		next }
	FNR > 1 { n++
		if (!($1 in x)) { bad++; if (!msg) msg = "no customer " $1; next }
		if (x[$1] != $2 || sprintf("%.2f", r[$1]) + 0 != $3 + 0 ||
		    sprintf("%.2f", t[$1]) + 0 != $4 + 0) {
			bad++
			if (!msg) msg = "customer " $1 ": " x[$1] "," r[$1] \
			    "," t[$1] " != " $2 "," $3 "," $4
		} }
	END { if (n == 2357 && !bad)
		printf "ok metrics_lifetimes_cdnow_sample (%d customers)\n", n
	else printf "not ok metrics_lifetimes_cdnow_sample: %d of %d differ; %s\n",
	    bad, n, msg }' "$tmp/lt.csv" "$data/cdnow_customers_summary.csv"
fi
