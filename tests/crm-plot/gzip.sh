# gzip input is read as plain (by its bytes), --gzip and -o x.gz
# compress the chart, which then reads back as the same bytes.
crm-plot pie -x channel -y responses pie-basic.in.csv >"$WORK/plain.svg"
gzip -c pie-basic.in.csv >"$WORK/in.csv.gz"
crm-plot pie -x channel -y responses "$WORK/in.csv.gz" | cmp - "$WORK/plain.svg" &&
    echo "gzip input: same chart"
crm-plot pie -x channel -y responses --gzip pie-basic.in.csv | gzip -dc |
    cmp - "$WORK/plain.svg" && echo "--gzip: same chart"
crm-plot pie -x channel -y responses -o "$WORK/out.svg.gz" pie-basic.in.csv &&
    gzip -dc "$WORK/out.svg.gz" | cmp - "$WORK/plain.svg" &&
    echo "-o x.gz: same chart"
