# Gzip input (detected by its magic) and --gzip output give the rows of
# the plain run.
gzip -c rfm-hand.in.csv > "$WORK/in.csv.gz"
crm-segment rfm "$WORK/in.csv.gz" | cmp -s - rfm-hand.out.csv &&
    echo "gzip input: same rows"
crm-segment rfm --gzip rfm-hand.in.csv | gzip -dc | cmp -s - rfm-hand.out.csv &&
    echo "--gzip output: same rows"
