# A 10 MB field (unquoted) and a 256 KB quoted one holding quotes and a
# comma: both pass through byte for byte and through the transformations.
printf 'id,big,c\n1,' >"$WORK/in.csv"
head -c 10485760 /dev/zero | tr '\0' 'x' >>"$WORK/in.csv"
printf ',z\n2,"' >>"$WORK/in.csv"
head -c 262144 /dev/zero | tr '\0' 'y' >>"$WORK/in.csv"
printf ',""q""",z\n3,b,c\n' >>"$WORK/in.csv"
crm-clean "$WORK/in.csv" >"$WORK/out.csv" && cmp "$WORK/in.csv" "$WORK/out.csv" && echo same
crm-clean --trim --upper big --dedup big "$WORK/in.csv" | wc -c
crm-clean --trim --upper big "$WORK/in.csv" | tail -c 17
