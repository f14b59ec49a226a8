#!/bin/sh
# bench/b_rules.sh: crm-rules' frequent itemsets on 753,000 generated
# baskets (crm-gen rules) at support 0.05%, from the one-basket-a-line
# file and from the long order_id,item CSV, against awk grouping the long
# file into baskets, the npm node-fpgrowth (when installed in $NFP,
# default /tmp/nfp: npm install --prefix /tmp/nfp node-fpgrowth) and
# Christian Borgelt's fpgrowth (when a binary is on PATH or in
# $BORGELT; never built or fetched here); memory; 1 and 2 threads; the
# Online Retail invoices (InvoiceNo, StockCode) at a support that gives
# about a million itemsets, when $CRM_REFDATA has them.
# Sourced by bench/run.sh (see there for BIN, GEN, DATA, bench_time, ...);
# can also run alone: BIN=bin sh bench/b_rules.sh

if [ -z "${GEN:-}" ] || ! command -v bench_time >/dev/null 2>&1; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
fi
rules=$BIN/crm-rules
if [ ! -x "$rules" ] || [ ! -x "$GEN" ]; then
	echo "skipped: no $rules or $GEN"
	return 0 2>/dev/null || exit 0
fi
NB=${RULES_BASKETS:-753000}
LONG="$DATA/rules-$NB-s$SEED-long.csv"
LINES="$DATA/rules-$NB-s$SEED-lines.csv"
mkdir -p "$DATA"
if [ ! -s "$LINES" ] || [ -n "$(find "$GEN" -newer "$LINES" 2>/dev/null)" ]
then
	"$GEN" rules --baskets "$NB" --seed "$SEED" --long "$LONG" \
	    --lines "$LINES" || { echo "skipped: crm-gen rules failed"; exit 0; }
fi
echo "data: $NB baskets, $(($(wc -l < "$LONG") - 1)) order lines;" \
    "$(wc -c < "$LINES" | awk '{ printf "%.1f", $1 / 1e6 }') MB of baskets," \
    "$(wc -c < "$LONG" | awk '{ printf "%.1f", $1 / 1e6 }') MB long"
s=0.0005
cl="'$rules' --baskets --no-header --min-support $s --itemsets frequent '$LINES'"
cg="'$rules' --min-support $s --itemsets frequent '$LONG'"
n1=$(sh -c "$cl" | tail -n +2 | wc -l)
n2=$(sh -c "$cg" | tail -n +2 | wc -l)
echo "check: $n1 itemsets at support 0.05% from the basket file, $n2 from the long file"
t_lines=$(bench_time "$cl")
t_long=$(bench_time "$cg")
echo "crm-rules, basket file: $t_lines s; long CSV: $t_long s"
echo "crm-rules, 1 thread: $(bench_time "$cl --threads 1") s; 2 threads: $(bench_time "$cl --threads 2") s"
# The CPU time too: on a shared machine the wall time includes waiting.
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "crm-rules, basket file: %U s user, %S s system, %e s wall, %M KB peak" \
	    sh -c "$cl" 2>&1 >/dev/null | tail -n 1
	/usr/bin/time -f "crm-rules, long CSV: %U s user, %S s system, %e s wall, %M KB peak" \
	    sh -c "$cg" 2>&1 >/dev/null | tail -n 1
fi
grp="awk -F, 'NR > 1 { if (\$1 != o) { if (NR > 2) printf \"\\n\"; o = \$1; printf \"%s\", \$2 } else printf \",%s\", \$2 } END { printf \"\\n\" }' '$LONG'"
sh -c "$grp" | cmp -s - "$LINES" &&
    echo "check: awk grouping gives the basket file" ||
    echo "check: awk grouping gives another file"
t_awk=$(bench_time "$grp")
bench_line "crm-rules, long CSV (read, group, mine)" "$t_long" \
    "awk grouping alone" "$t_awk"
BORGELT=${BORGELT:-$(command -v fpgrowth 2>/dev/null)}
if [ -n "$BORGELT" ] && [ -x "$BORGELT" ]; then
	# -s0.05: support in percent; -f,: items separated by commas
	bo="'$BORGELT' -s0.05 -f, '$LINES' '$DATA/rules-borgelt.out'"
	sh -c "$bo" >/dev/null 2>&1
	echo "check: Borgelt's fpgrowth finds $(wc -l < "$DATA/rules-borgelt.out") itemsets"
	t_bo=$(bench_time "$bo")
	bench_line "crm-rules, basket file" "$t_lines" "Borgelt's fpgrowth" "$t_bo"
	bench_line "crm-rules, long CSV" "$t_long" \
	    "awk grouping + Borgelt's fpgrowth" "$(bench_time "$grp > '$DATA/rules-awk.csv' && '$BORGELT' -s0.05 -f, '$DATA/rules-awk.csv' '$DATA/rules-borgelt.out'")"
	rm -f "$DATA/rules-borgelt.out" "$DATA/rules-awk.csv"
else
	echo "skipped: Borgelt's fpgrowth (no fpgrowth on PATH, BORGELT unset)"
fi
NFP=${NFP:-/tmp/nfp}
if [ -d "$NFP/node_modules/node-fpgrowth" ] && command -v node >/dev/null 2>&1
then
	cat > "$DATA/rules-nfp.js" <<'JS'
const { FPGrowth } = require(process.argv[2] + '/node_modules/node-fpgrowth');
const lines = require('fs').readFileSync(process.argv[3], 'utf8').split('\n');
const tx = [];
for (const l of lines) if (l) tx.push(Array.from(new Set(l.split(','))));
new FPGrowth(parseFloat(process.argv[4])).exec(tx).then(s => console.log(s.length));
JS
	nf="node '$DATA/rules-nfp.js' '$NFP' '$LINES' $s"
	echo "check: node-fpgrowth finds $(sh -c "$nf") itemsets"
	bench_line "crm-rules, basket file" "$t_lines" "node-fpgrowth" \
	    "$(RUNS=1 bench_time "$nf")"
else
	echo "skipped: node-fpgrowth (npm install --prefix $NFP node-fpgrowth)"
fi
retail=${CRM_REFDATA:-$bench_top/../shared/data}/online_retail/online_retail.csv.gz
if [ -f "$retail" ]; then
	cr="'$rules' --order InvoiceNo --item StockCode --min-support 0.0019 --max-len 64 --itemsets frequent '$retail'"
	echo "check: Online Retail invoices at support 0.19%: $(sh -c "$cr" | tail -n +2 | wc -l) itemsets"
	echo "crm-rules, Online Retail at 0.19%: $(RUNS=1 bench_time "$cr") s, peak $(bench_rss "$cr") MB"
else
	echo "skipped: Online Retail (no $retail)"
fi
