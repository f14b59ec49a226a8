#!/bin/sh
# Install what crmkit needs, when missing.
# Usage: deps.sh build      compiler, libraries, and what make check uses:
#                           mandoc (man page lint), parallel (GNU parallel,
#                           for the sharded = serial cases), xmllint and
#                           rsvg-convert (crm-plot's SVG and HTML are
#                           well-formed and render)
#        deps.sh sanitize   and clang with its sanitizer runtimes
# Root runs apt-get; otherwise sudo when it needs no password; otherwise
# the exact command is printed and the script fails.
pkgs="gcc make libc6-dev libcsv-dev libpcre2-dev zlib1g-dev mandoc parallel
    libxml2-utils librsvg2-bin"
[ "${1:-build}" = sanitize ] && pkgs="$pkgs clang libclang-rt-dev"
command -v dpkg-query >/dev/null 2>&1 || exit 0	# not Debian: trust the user
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
	    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y$missing"
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing" >&2
	sh -c "$cmd" >&2 || exit 1
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	echo "deps: installing$missing (sudo)" >&2
	sudo sh -c "$cmd" >&2 || exit 1
else
	echo "deps: missing$missing; as root, run:" >&2
	echo "  $cmd" >&2
	exit 1
fi
