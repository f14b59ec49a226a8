# gzip input is detected by its magic bytes, on stdin and on files
gzip -c rfm-basic.in.csv > "$WORK/t.csv.gz"
crm-metrics rfm "$WORK/t.csv.gz"
crm-metrics rfm < "$WORK/t.csv.gz" | cmp - rfm-basic.out.csv && echo same
