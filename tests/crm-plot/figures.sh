# Figures of the charts, checked by hand (see the comments): the
# Freedman-Diaconis bins, 1-2-5 ticks with thousands separators,
# percent axes, month ticks, the pie's "other", the scatter sample.
labels() { sed -n 's/.*<text[^>]*>\([^<]*\)<\/text>/\1/p'; }

# 1 2 2 3 3 3 4 4 5 9 10 30: Q1 2.75, Q3 6 (numpy's linear), IQR 3.25,
# 2 * 3.25 / 12^(1/3) = 2.84, rounded up to 5; bins from 0 to 35:
# counts 8 2 1 0 0 0 1, so bar heights 8:2:1:1.
echo "hist:"
crm-plot hist -x amount hist-auto.in.csv | tee "$WORK/h.svg" | grep -o 'n = [^<]*'
grep -o '<title>\[[^<]*' "$WORK/h.svg" | sed 's/<title>//'
sed -n 's/.*<rect x="[^"]*" y="[^"]*" width="[^"]*" height="\([^"]*\)".*/\1/p' \
    "$WORK/h.svg" | awk '{ h[NR] = $1 } END { for (i = 1; i <= NR; i++)
	printf "%s%.1f", (i > 1 ? ":" : ""), h[i] / h[NR]; print "" }'

# 0..1234 on a 420 px chart: at most 8 ticks, 1234 / 7 = 176 -> 200.
echo "ticks 0..1234:"
printf 'x,y\na,1234\nb,17\n' | crm-plot bar -x x -y y | labels |
    sed -n '1,8p' | tr '\n' ' '
echo
# 3,450,000: separators in millions.
printf 'x,y\na,3450000\n' | crm-plot bar -x x -y y | labels | tr '\n' ' '
echo

# repeat_rate 0.21..0.41, a share: from 20% to 45% in 5% steps.
echo "percent axis:"
crm-plot line -x date -y repeat_rate --by channel line-by.in.csv | labels |
    grep '%' | tr '\n' ' '
echo

# 2023-07..2024-01, 7 months on 720 px: a tick each month.
echo "month ticks:"
crm-plot line -x period -y revenue line-months.in.csv | labels |
    grep '^20' | tr '\n' ' '
echo

# 50, 20, 10, 10, 5, 5 in 3 slices: a 50%, b 20%, other 30%.
echo "pie:"
crm-plot pie -x item -y revenue --max-slices 3 pie-other.in.csv | labels |
    grep '(' 

# 5 points of 50, and the same 5 on every run.
echo "scatter:"
crm-plot scatter -x x -y y --max-points 5 scatter-sample.in.csv >"$WORK/s1"
crm-plot scatter -x x -y y --max-points 5 scatter-sample.in.csv >"$WORK/s2"
grep -c '<circle' "$WORK/s1"
grep -o 'a sample of [^<]*' "$WORK/s1"
cmp "$WORK/s1" "$WORK/s2" && echo "same bytes"
crm-plot scatter -x x -y y --max-points 5 --seed 8 scatter-sample.in.csv |
    cmp -s - "$WORK/s1" || echo "another seed, another sample"

# Tiny values: ticks in scientific form with the digits that differ.
echo "ticks 0..3e-20:"
printf 'x,y\na,1e-20\nb,3e-20\n' | crm-plot bar -x x -y y | labels |
    sed -n '1,7p' | tr '\n' ' '
echo
# 120 categories on 720 px: labels rotated, every third one shown.
echo "crowded:"
crm-plot bar -x item -y orders bar-crowded.in.csv | grep -c 'rotate(-45'

# 20,000 points on 640 px: at most 4 vertices a pixel column, and the
# two spikes (-100 at t = 7,777, 100 at t = 12,345) are still drawn:
# the path reaches the bottom and the top of the y axis (-100..100).
echo "long line:"
awk 'BEGIN { print "t,v"; for (i = 0; i < 20000; i++)
	printf "%d,%s\n", i, i == 7777 ? -100 : i == 12345 ? 100 : i % 7 }' |
    crm-plot line -x t -y v >"$WORK/l.svg"
sed -n 's/.*<path d="\([^"]*\)".*/\1/p' "$WORK/l.svg" | tr 'ML' '\n\n' |
    awk 'NF == 2 { n++; if (!m || $2 > hi) hi = $2; if (!m || $2 < lo) lo = $2
	m = 1 } END { print (n <= 2600 ? "at most 4 a column" : n " vertices"),
	"y from", lo, "to", hi }'
grep -o '<text[^>]*>-100<\|<text[^>]*>100<' "$WORK/l.svg" |
    sed 's/.* y="\([^"]*\)".*>\(.*\)</\2 at y \1 (label baseline +4)/'
