# The sample shop's report (samples/report.mk) builds, twice in parallel
# with nothing to redo the second time; the page and every part are
# well-formed XML, every chart renders and is not blank, and the Chinese
# city names and reviews are in it as characters.
for t in xmllint rsvg-convert pngstat make; do
	command -v $t >/dev/null 2>&1 || {
		echo "report.sh: $t is not installed (tests/deps.sh build)" >&2
		exit 1
	}
done
bin=$(dirname "$(command -v crm-plot)")
cd ../../samples || exit 1
out=$WORK/out
unset MAKEFLAGS MFLAGS MAKELEVEL
make -s -f report.mk -j2 BIN="$bin" OUT="$out" >/dev/null || exit 1
make --no-print-directory -f report.mk -j2 BIN="$bin" OUT="$out" | sed "s|$out|OUT|"
n=0
for f in "$out/report.html" "$out"/report/*.svg "$out"/report/*.html; do
	case $f in
	*/report/*.html) { echo '<div>'; cat "$f"; echo '</div>'; } >"$WORK/x" ;;
	*) cp "$f" "$WORK/x" ;;
	esac
	xmllint --noout "$WORK/x" || echo "${f#$out/}: not well-formed"
	case $f in
	*.svg)
		rsvg-convert -o "$WORK/x.png" "$f" &&
		    [ "$(pngstat "$WORK/x.png" | sed 's/.* ink //')" -gt 0 ] ||
		    echo "${f#$out/}: does not render, or blank" ;;
	esac
	n=$((n + 1))
done
echo "$n files checked"
sed -n 's/.*<li><a href="#part-[0-9]*">\(.*\)<\/a><\/li>/\1/p' "$out/report.html"
grep -c '北京\|上海\|深圳' "$out/report/cities.svg"
grep -o '蜂蜜不太好用，有点后悔。' "$out/report.html"
