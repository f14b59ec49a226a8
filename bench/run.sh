#!/bin/sh
# bench/run.sh: time crmkit's programs against the tools a user would
# otherwise pick, on generated data, and print the ratios.
#
# Usage: BIN=bin sh bench/run.sh [FILTER]
# Env:   ROWS (default 2000000), SEED (1), RUNS (3 timed runs; the median
#        is kept), BENCH (a filter like FILTER: runs bench/b_*FILTER*.sh),
#        BENCH_NO_HYPERFINE=1 (time with a shell loop even with hyperfine).
#
# The data is generated once by crm-gen into bench/data/ (keyed by rows
# and seed) and reused until crm-gen changes.  Each bench/b_*.sh is
# sourced in a subshell with BIN, GEN, DATA, ROWS, SEED, RUNS and TX (the
# transactions file) set, and these functions:
#   bench_data N        path of an N-row transactions file (made once)
#   bench_time CMD      median wall seconds of RUNS runs of sh -c CMD
#   bench_rss CMD       peak resident memory of sh -c CMD in MB, or "?"
#   bench_line NAME T1 OTHER T2
#                       "NAME: T1 s, OTHER T2 s (R.Rx faster)"
#   need CMD PACKAGE    true when CMD exists; else prints "skipped: CMD
#                       not installed" and remembers the apt package
# This script installs nothing and never fails: a missing tool skips.
# With BENCH_LIB_ONLY=1 it only defines the functions (for sourcing).

bench_top=$(cd "$(dirname "$0")/.." && pwd)
: "${ROWS:=2000000}" "${SEED:=1}" "${RUNS:=3}"
BIN=$(cd "${BIN:-$bench_top/bin}" 2>/dev/null && pwd) || BIN=$bench_top/bin
GEN=${GEN:-$BIN/crm-gen}
DATA=${DATA:-$bench_top/bench/data}
LC_ALL=C
export BIN GEN DATA ROWS SEED RUNS LC_ALL

# Path of the N-row transactions file for SEED, generated when absent
# (or older than crm-gen).
bench_data() {
	_f="$DATA/transactions-$1-s$SEED.csv"
	if [ ! -s "$_f" ] || [ -n "$(find "$GEN" -newer "$_f" 2>/dev/null)" ]
	then
		mkdir -p "$DATA"
		"$GEN" transactions --rows "$1" --seed "$SEED" -o "$_f" ||
		    return 1
	fi
	echo "$_f"
}

# The median of the numbers on stdin.
bench_median() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "?"; exit }
		if (NR % 2) print v[(NR + 1) / 2]
		else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Median wall time in seconds of RUNS runs of sh -c "$1" (stdout
# discarded); "failed" when the command fails.
bench_time() {
	if [ -z "${BENCH_NO_HYPERFINE:-}" ] &&
	    command -v hyperfine >/dev/null 2>&1; then
		_j=$(mktemp "${TMPDIR:-/tmp}/bench.XXXXXX")
		if hyperfine --runs "$RUNS" --style none --export-json "$_j" \
		    --shell sh "$1 >/dev/null" >/dev/null 2>&1; then
			grep -o '"median": *[0-9.eE+-]*' "$_j" |
			    sed 's/.*: *//' | head -n 1
		else
			echo failed
		fi
		rm -f "$_j"
		return 0
	fi
	_i=0
	while [ "$_i" -lt "$RUNS" ]; do
		_t0=$(date +%s.%N)
		sh -c "$1" >/dev/null || { echo failed; return 0; }
		_t1=$(date +%s.%N)
		echo "$_t0 $_t1" | awk '{ printf "%.6f\n", $2 - $1 }'
		_i=$((_i + 1))
	done | bench_median
}

# Peak resident set size in MB of sh -c "$1" (the largest process of a
# pipeline), with GNU time; "?" without it.
bench_rss() {
	[ -x /usr/bin/time ] || { echo "?"; return 0; }
	_o=$(mktemp "${TMPDIR:-/tmp}/bench.XXXXXX")
	if /usr/bin/time -o "$_o" -f %M sh -c "$1" >/dev/null 2>&1; then
		awk 'END { printf "%.1f\n", $1 / 1024 }' "$_o"
	else
		echo "?"
	fi
	rm -f "$_o"
}

# "NAME: T1 s, OTHER T2 s (R.Rx faster)" (or slower).
bench_line() {
	awk -v name="$1" -v t1="$2" -v other="$3" -v t2="$4" 'BEGIN {
		if (t1 !~ /^[0-9.]+$/ || t2 !~ /^[0-9.]+$/ || t1 + 0 == 0) {
			printf "%s: %s s, %s %s s\n", name, t1, other, t2
			exit
		}
		r = t2 / t1
		if (r >= 1)
			printf "%s: %.2f s, %s %.2f s (%.1fx faster)\n",
			    name, t1, other, t2, r
		else
			printf "%s: %.2f s, %s %.2f s (%.1fx slower)\n",
			    name, t1, other, t2, 1 / r
	}'
}

# True when command $1 exists; otherwise say it is skipped and remember
# the Debian package $2 that provides it.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "skipped: $1 not installed"
	mkdir -p "$DATA"
	echo "$2" >>"$DATA/missing"
	return 1
}

[ "${BENCH_LIB_ONLY:-}" = 1 ] && return 0

filter=${BENCH:-${1:-}}
if [ ! -x "$GEN" ]; then
	echo "bench: no $GEN (make bin/crm-gen); nothing timed"
	exit 0
fi
mkdir -p "$DATA"
rm -f "$DATA/missing"
echo "bench: $ROWS rows, seed $SEED, median of $RUNS runs," \
    "$(nproc 2>/dev/null || echo '?') cores, $(date -u +%Y-%m-%d)"
command -v hyperfine >/dev/null 2>&1 ||
    echo "hyperfine" >>"$DATA/missing"
[ -x /usr/bin/time ] || echo "time" >>"$DATA/missing"
TX=$(bench_data "$ROWS") || { echo "bench: crm-gen failed"; exit 0; }
export TX
echo "data: $TX ($(wc -c <"$TX" | awk '{ printf "%.0f", $1 / 1e6 }') MB)"
for b in "$bench_top"/bench/b_*.sh; do
	[ -f "$b" ] || continue
	case "$(basename "$b")" in *"$filter"*) ;; *) continue ;; esac
	echo
	echo "== $(basename "$b" .sh | sed 's/^b_//')"
	( . "$b" ) || echo "bench: $(basename "$b") failed (ignored)"
done
if [ -s "$DATA/missing" ]; then
	pkgs=$(sort -u "$DATA/missing" | tr '\n' ' ')
	echo
	echo "missing alternatives: $pkgs"
	echo "  apt-get install -y $pkgs"
fi
exit 0
