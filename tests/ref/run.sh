#!/bin/sh
# make check-ref: parity with reference tools and published figures on the
# public data sets in $CRM_REFDATA (default ../shared/data), kept outside
# the repository.  Runs every tests/ref/*.sh but this one; each prints
# "ok NAME", "not ok NAME: why" or "skip NAME: why" lines.
# Prints "N passed, M failed, K skipped" last.  Usage: run.sh [FILTER]
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
CRM_REFDATA=${CRM_REFDATA:-../shared/data}
case "$CRM_REFDATA" in /*) ;; *) CRM_REFDATA="$top/$CRM_REFDATA" ;; esac
BIN=$(cd "${BIN:-bin}" && pwd)
TOOLDIR=$(cd "${TOOLDIR:-build/tests/tools}" 2>/dev/null && pwd)
export CRM_REFDATA BIN TOOLDIR LC_ALL=C TZ=UTC
export PATH="$BIN:$TOOLDIR:$PATH"
pass=0 fail=0 skip=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [ ! -d "$CRM_REFDATA" ]; then
	echo "check-ref: no data at $CRM_REFDATA (set CRM_REFDATA); skipped"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
for t in tests/ref/*.sh; do
	[ "$t" = tests/ref/run.sh ] && continue
	case "$t" in *"${1:-}"*) ;; *) continue ;; esac
	sh "$t" >"$out" 2>&1
	rc=$?
	while IFS= read -r line; do
		case "$line" in
		"ok "*) pass=$((pass + 1)) ;;
		"not ok "*) fail=$((fail + 1)); echo "FAIL ${line#not ok }" ;;
		"skip "*) skip=$((skip + 1)); echo "SKIP ${line#skip }" ;;
		*) echo "    $line" ;;
		esac
	done <"$out"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$out"; then
		fail=$((fail + 1))
		echo "FAIL $t exited $rc"
	fi
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
