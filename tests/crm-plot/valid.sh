# Every SVG and HTML file the golden cases of crm-plot write is
# well-formed XML (xmllint), holds no script and points at no external
# file, and every SVG renders (rsvg-convert) to an image that is not
# blank (pngstat: pixels unlike the top-left one).  Also the page of
# page.sh.  Prints the counts; a problem is printed with its case.
for t in xmllint rsvg-convert pngstat; do
	command -v $t >/dev/null 2>&1 || {
		echo "valid.sh: $t is not installed (tests/deps.sh build)" >&2
		exit 1
	}
done
svg=0 html=0
check() { # case file
	if ! xmllint --noout "$2" 2>"$WORK/lint"; then
		echo "$1: not well-formed: $(head -n 3 "$WORK/lint")"
		return
	fi
	if grep -q -i -e '<script' -e 'href="http' -e 'src=' -e 'xlink:href' "$2"
	then
		echo "$1: a script or an external reference"
	fi
	case $(head -c 200 "$2") in
	*'<svg'*)
		if ! rsvg-convert -o "$WORK/out.png" "$2" 2>"$WORK/rsvg"; then
			echo "$1: rsvg-convert failed: $(head -n 3 "$WORK/rsvg")"
			return
		fi
		ink=$(pngstat "$WORK/out.png" | sed -n 's/.* ink //p')
		[ "${ink:-0}" -gt 0 ] || echo "$1: the rendered image is blank"
		svg=$((svg + 1)) ;;
	*) html=$((html + 1)) ;;
	esac
}
for c in *.args; do
	n=${c%.args}
	[ -f "$n.status" ] && [ "$(cat "$n.status")" != 0 ] && continue
	in=/dev/null
	[ -f "$n.in.csv" ] && in=$n.in.csv
	eval "crm-plot $(cat "$c")" <"$in" >"$WORK/out" 2>/dev/null || {
		echo "$n: failed"
		continue
	}
	case $(head -c 1 "$WORK/out") in
	'<') ;;
	*) continue ;;	# --help
	esac
	# an HTML fragment is checked inside one element
	if ! head -c 200 "$WORK/out" | grep -q -e '<svg' -e '<html'; then
		{ echo '<div>'; cat "$WORK/out"; echo '</div>'; } >"$WORK/frag"
		mv "$WORK/frag" "$WORK/out"
	fi
	check "$n" "$WORK/out"
done
sh page.sh >/dev/null 2>&1 && [ -f "$WORK/report.html" ] &&
    check page "$WORK/report.html"
echo "svg: $svg well-formed, rendered, not blank"
echo "html: $html well-formed"
