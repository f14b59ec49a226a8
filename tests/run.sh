#!/bin/sh
# The crmkit test runner: unit tests of common/, golden-file cases of every
# program, and checks that each program has its man page and completions.
# Prints each failure with its command, each skipped case with its reason,
# and "N passed, M failed" last (", K skipped" added when K > 0).
#
# Golden cases: tests/crm-NAME/CASE.args (shell words) with optional
#   CASE.in.csv or CASE.in (stdin), CASE.out.csv or CASE.out (stdout),
#   CASE.err (stderr), CASE.status (exit status, default 0);
# or CASE.sh, a script run with the programs on PATH, compared the same way.
# Cases run in their own directory.  A CASE.sh that needs an optional tool
# exits 77 when the tool is absent: the case is skipped, and the first line
# of its stdout (else of its stderr) is printed as "SKIP case: reason".
# Missing unit binaries and a missing mandoc are failures, never skips.
# Usage: run.sh [FILTER]
# (FILTER: a program name like crm-clean, "unit", or part of a case name)

top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "$top/${BIN:-bin}" && pwd)
UNITDIR="$top/${UNITDIR:-build/tests}"
TOOLDIR="$top/${TOOLDIR:-build/tests/tools}"
filter=${1:-}
pass=0
fail=0
skip=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crmtest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export PATH="$BIN:$TOOLDIR:$PATH" LC_ALL=C TZ=UTC CRM_TESTING=1

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	printf 'FAIL %s\n' "$1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | head -n 40 | sed 's/^/    /'
}
skipped() { # case reason
	skip=$((skip + 1))
	printf 'SKIP %s: %s\n' "$1" "$2"
}
wanted() {
	[ -z "$filter" ] && return 0
	case "$1" in *"$filter"*) return 0 ;; esac
	return 1
}

# Compare one output stream with its expected file (absent: empty).
cmpout() { # name actual expected...
	name=$1 act=$2
	shift 2
	exp=/dev/null
	for e in "$@"; do [ -f "$e" ] && { exp=$e; break; }; done
	cmp -s "$act" "$exp" && return 0
	echo "$name differs:"
	diff "$exp" "$act" | head -n 20
	return 1
}

# A man page that mandoc -Tlint passes; no mandoc is a failure (make
# check installs it through tests/deps.sh).
lint() { # path relative to top
	if ! command -v mandoc >/dev/null 2>&1; then
		bad "mandoc -Tlint $1: mandoc is not installed (tests/deps.sh)"
	elif mandoc -Tlint -W warning "$top/$1" >"$tmp/lint" 2>&1; then ok
	else bad "mandoc -Tlint $1" "$(cat "$tmp/lint")"; fi
}

# Unit tests: each binary prints "ok NAME" or "not ok NAME: why".  Every
# tests/unit/test_*.c must have its binary in UNITDIR.
if wanted unit; then
	for src in "$top"/tests/unit/test_*.c; do
		[ -f "$src" ] || continue
		t="$UNITDIR/$(basename "$src" .c)"
		if [ ! -x "$t" ]; then
			bad "unit $(basename "$t"): no binary $t"
			continue
		fi
		"$t" >"$tmp/unit" 2>&1
		rc=$?
		while IFS= read -r line; do
			case "$line" in
			"ok "*) ok ;;
			"not ok "*) bad "unit $(basename "$t"): ${line#not ok }" ;;
			esac
		done <"$tmp/unit"
		if [ $rc -ne 0 ] && ! grep -q '^not ok' "$tmp/unit"; then
			bad "unit $(basename "$t") exited $rc" "$(tail -n 20 "$tmp/unit")"
		fi
	done
fi

# Golden cases.
for dir in "$top"/tests/crm/ "$top"/tests/crm-*/; do
	prog=$(basename "$dir")
	for c in "$dir"*.args "$dir"*.sh; do
		[ -f "$c" ] || continue
		case "$c" in
		*.args) name=${c%.args} ;;
		*.sh) name=${c%.sh} ;;
		esac
		case_id="$prog/$(basename "$name")"
		wanted "$case_id" || continue
		in=/dev/null
		[ -f "$name.in" ] && in="$name.in"
		[ -f "$name.in.csv" ] && in="$name.in.csv"
		rm -rf "$tmp/work"
		mkdir "$tmp/work"
		if [ "${c%.sh}" != "$c" ]; then
			cmd="sh $(basename "$c")"
			(cd "$dir" && TMPDIR="$tmp/work" WORK="$tmp/work" \
			    sh "$c" <"$in" >"$tmp/out" 2>"$tmp/err")
			rc=$?
		else
			args=$(cat "$c")
			cmd="$prog $args"
			(cd "$dir" && TMPDIR="$tmp/work" WORK="$tmp/work" \
			    eval "exec \"$BIN/$prog\" $args" <"$in" \
			    >"$tmp/out" 2>"$tmp/err")
			rc=$?
		fi
		want=0
		[ -f "$name.status" ] && want=$(cat "$name.status")
		if [ "${c%.sh}" != "$c" ] && [ "$rc" = 77 ] && [ "$want" != 77 ]
		then
			why=$(head -n 1 "$tmp/out")
			[ -n "$why" ] || why=$(head -n 1 "$tmp/err")
			skipped "$case_id" "${why:-exit status 77}"
			continue
		fi
		msg=""
		[ "$rc" = "$want" ] || msg="exit status $rc, expected $want
"
		d=$(cmpout stdout "$tmp/out" "$name.out.csv" "$name.out") ||
		    msg="$msg$d
"
		d=$(cmpout stderr "$tmp/err" "$name.err") || msg="$msg$d
"
		if [ -z "$msg" ]; then ok; else bad "$case_id: $cmd" "$msg"; fi
	done
done

# The usage text (--help up to its first blank line, without "usage: ")
# and the man page's SYNOPSIS, white space squeezed, must be the same.
synopsis() { # prog
	command -v mandoc >/dev/null 2>&1 || return 0	# lint failed already
	sed '/^$/,$d; s/^usage: //' "$tmp/help" | tr -s ' \t\n' '   ' |
	    sed 's/^ //; s/ $//' >"$tmp/syn.usage"
	bs=$(printf '\b')	# mandoc overstrikes bold: c BS c
	mandoc -Tascii -O width=1000 "$top/man/$1.1" | sed "s/.$bs//g" |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
	    tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//' >"$tmp/syn.man"
	if cmp -s "$tmp/syn.usage" "$tmp/syn.man"; then ok
	else bad "$1: usage and man page SYNOPSIS differ" \
	    "$(printf 'usage: %s\nman:   %s\n' "$(cat "$tmp/syn.usage")" \
	    "$(cat "$tmp/syn.man")")"; fi
}

# Every program: --help exits 0, a man page that mandoc lints clean, a
# tests folder, and every long option of --help in both completions.
for t in ${TOOLS:-}; do
	p=crm-$t
	wanted "$p" || continue
	if "$BIN/$p" --help >"$tmp/help" 2>&1; then ok
	else bad "$p --help does not exit 0"; fi
	if [ ! -f "$top/man/$p.1" ]; then bad "$p has no man page"
	else lint "man/$p.1"; synopsis "$p"; fi
	[ -d "$top/tests/$p" ] && ok || bad "$p has no tests/$p"
	for f in bash/$p zsh/_$p; do
		missing=""
		for o in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
			grep -q -- "$o" "$top/completions/$f" 2>/dev/null ||
			    missing="$missing $o"
		done
		grep -q -- "$p" "$top/completions/$f" 2>/dev/null ||
		    missing="$missing (program $p)"
		if [ -z "$missing" ]; then ok
		else bad "completions/$f lacks for $p:$missing"; fi
	done
done

# The overview page.
wanted man/crm.7 && lint man/crm.7

# The committed samples must be exactly what crm-gen writes.
if [ -x "$BIN/crm-gen" ] && wanted samples; then
	if make --no-print-directory -s -C "$top/samples" BIN="$BIN" \
	    OUT="$tmp/samples" verify >"$tmp/verify" 2>&1; then ok
	else bad "samples differ from crm-gen samples" "$(cat "$tmp/verify")"; fi
fi

if [ "$skip" -gt 0 ]; then echo "$pass passed, $fail failed, $skip skipped"
else echo "$pass passed, $fail failed"; fi
[ "$fail" -eq 0 ]
