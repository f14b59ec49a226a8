#!/bin/sh
# show.sh: print the first lines of a CSV file as an indented table, for
# the demo.  Uses column(1) when it is installed and the lines hold no
# quoted fields (which it cannot split); plain lines otherwise.
# Usage: sh show.sh FILE [LINES]
f=$1
n=${2:-6}
if command -v column >/dev/null 2>&1 &&
    ! head -n "$n" "$f" | grep -q '"'; then
	head -n "$n" "$f" | column -s, -t | sed 's/ *$//'
else
	head -n "$n" "$f"
fi | sed 's/^/    /'
