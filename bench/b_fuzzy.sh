#!/bin/sh
# bench/b_fuzzy.sh: crm-clean --fuzzy, unsupervised record linkage:
# 10,000 Febrl records (datasets 2 and 3 of $CRM_REFDATA/febrl, when
# there) and crm-gen people with planted near-duplicates at 10,000 and
# FUZZY_ROWS (default 1,000,000) rows (at 10,000 also with only
# name,email,phone and name,birth_date,city): median wall time, peak
# memory, and pairwise precision / recall / F1 against the truth with
# the blocking's candidate pairs per row (tests/tools/linkeval.py, when
# python3 is there).  Sourced by bench/run.sh; can also run alone:
# BIN=bin sh bench/b_fuzzy.sh

if [ -z "${BIN:-}" ] || ! command -v bench_time >/dev/null 2>&1; then
	BENCH_LIB_ONLY=1 . "$(dirname "$0")/run.sh"
fi
clean=$BIN/crm-clean
top=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -x "$clean" ] || [ ! -x "$GEN" ]; then
	echo "skipped: no $clean or $GEN"
	return 0 2>/dev/null || exit 0
fi
: "${FUZZY_ROWS:=1000000}"
ref=${CRM_REFDATA:-$top/../shared/data}
case "$ref" in /*) ;; *) ref="$top/$ref" ;; esac
mkdir -p "$DATA"

# quality OUT PAIRS: one line of linkeval's figures.
quality() {
	[ -x /usr/bin/python3 ] || return 0
	/usr/bin/python3 "$top/tests/tools/linkeval.py" "$1" "$2" |
	    awk '{ v[$1] = $2 } END { printf "    precision %s, recall %s, " \
	    "F1 %s, false pairs %s; %s candidate pairs per row, blocking " \
	    "recall %s\n", v["precision"], v["recall"], v["f1"],
	    v["false_pairs"], v["candidates_per_row"], v["blocking_recall"] }'
}

# run NAME FILE COLS [noquality]: time, memory and quality of one
# linkage.
run() {
	_cmd="'$clean' --fuzzy $3 '$2'"
	_t=$(bench_time "$_cmd")
	_m=$(bench_rss "$_cmd")
	printf '%s: %.3f s, max RSS %s MB\n' "$1" "$_t" "$_m"
	[ -n "${4:-}" ] && return 0
	sh -c "'$clean' --fuzzy $3 --pairs '$DATA/fuzzy-pairs.csv' '$2'" \
	    >"$DATA/fuzzy-out.csv" && quality "$DATA/fuzzy-out.csv" \
	    "$DATA/fuzzy-pairs.csv"
	rm -f "$DATA/fuzzy-out.csv" "$DATA/fuzzy-pairs.csv"
}

if [ -f "$ref/febrl/dataset2.csv" ] && [ -f "$ref/febrl/dataset3.csv" ]
then
	f="$DATA/febrl-10k.csv"
	{ cat "$ref/febrl/dataset2.csv"; tail -n +2 "$ref/febrl/dataset3.csv"
	} >"$f"
	# (rec_id numbers repeat across the two sets: speed only; make
	# check-ref measures the quality of each set)
	run "crm-clean --fuzzy, 10,000 Febrl records (10 fields)" "$f" \
	    given_name,surname,street_number,address_1,address_2,suburb,$(
	    )postcode,state,date_of_birth,soc_sec_id noquality
else
	echo "skipped: Febrl data not in $ref/febrl"
fi
people=name,email,phone,birth_date,city
for n in 10000 "$FUZZY_ROWS"; do
	f="$DATA/people-$n-s$SEED.csv"
	if [ ! -s "$f" ] || [ -n "$(find "$GEN" -newer "$f" 2>/dev/null)" ]
	then
		"$GEN" people --rows "$n" --seed "$SEED" -o "$f" || continue
	fi
	run "crm-clean --fuzzy, $n crm-gen people rows (5 fields)" "$f" \
	    "$people"
	[ "$n" = 10000 ] || continue
	# what analysts often give: a few of the fields
	for c in name,email,phone name,birth_date,city; do
		run "crm-clean --fuzzy, $n crm-gen people rows ($c)" "$f" "$c"
	done
done
if /usr/bin/python3 -c 'import recordlinkage' 2>/dev/null; then
	echo "(recordlinkage is installed: not timed here)"
else
	echo "skipped: Python recordlinkage/dedupe not installed (no" \
	    "comparison; recordlinkage's guide finds 317 of dataset1's 500" \
	    "pairs)"
fi
