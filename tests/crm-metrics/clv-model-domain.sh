# A model that passes its checksum is still checked parameter by
# parameter before clv --use computes anything: each forged model below
# is re-sealed with a valid CRC (gzip's trailer holds the CRC-32 of its
# input, little-endian: od -tx4 reads it so on little-endian machines).
sim-bgnbd -n 2000 -s 3 > "$WORK/tx.csv"
crm-metrics clv --algo bgnbd --spend gammagamma -m "$WORK/m" \
    "$WORK/tx.csv" > /dev/null
reseal() { # file with its end line replaced by one of the right CRC
	sed '$d' "$1" > "$1.body"
	crc=$(gzip -c < "$1.body" | tail -c 8 | od -An -tx4 -N4 | tr -d ' ')
	{ cat "$1.body"; echo "end $crc"; } > "$1"
}
cp "$WORK/m" "$WORK/same"
reseal "$WORK/same"
cmp -s "$WORK/m" "$WORK/same" && echo "reseal gives the same file"
forge() { # key value: the model with that line changed
	sed "s/^$1 .*/$1 $2/" "$WORK/m" > "$WORK/f"
	reseal "$WORK/f"
	(cd "$WORK" && crm-metrics clv --use f --spend gammagamma tx.csv \
	    > out.csv); echo "$1 $2: exit $? ($(wc -l < "$WORK/out.csv") lines)"
}
forge r -1
forge alpha 0
forge a nan
forge b inf
forge p 0
forge q -2
forge v 1e999
forge gg_customers 1e300
forge gg_customers 2.5
forge freq X
forge freq_multiplier 1e10
forge log_likelihood nan
sed '/^p /d' "$WORK/m" > "$WORK/f"; reseal "$WORK/f"
(cd "$WORK" && crm-metrics clv --use f tx.csv > /dev/null); echo "no p: exit $?"
# the freq mismatch exits 2 and frees the model (LeakSanitizer quiet)
(cd "$WORK" && crm-metrics clv --use m --freq W tx.csv > /dev/null); echo "exit $?"
