# gzip input is detected by its magic bytes, on stdin and on files
gzip -c similar-cosine.in.csv > "$WORK/t.csv.gz"
crm-recommend similar -n 3 "$WORK/t.csv.gz" | cmp - similar-cosine.out.csv && echo file
crm-recommend similar -n 3 < "$WORK/t.csv.gz" | cmp - similar-cosine.out.csv && echo stdin
