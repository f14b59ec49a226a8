# crm-plot page: two charts and a table fragment in one page, in order,
# with a table of contents; the SVG's XML declaration is dropped.
crm-plot bar -x channel -y nps -o "$WORK/nps.svg" bar-basic.in.csv &&
crm-plot pie -x channel -y responses -o "$WORK/pie.svg" pie-basic.in.csv &&
crm-plot table --title 'Top <customers>' -o "$WORK/top.html" \
    table-basic.in.csv &&
crm-plot table -o "$WORK/plain.html" table-rows.in.csv &&
crm-plot page --title 'Shop & report' "$WORK/nps.svg" "$WORK/top.html" \
    "$WORK/pie.svg" "$WORK/plain.html" -o "$WORK/report.html" &&
sed "s|$WORK/||" "$WORK/report.html"
