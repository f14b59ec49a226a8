# Messages with a long file name (a 600-character directory path) are
# built without overflow or truncation: an unterminated quote, a ragged
# row, a write error and a bad value, each naming the whole path.
cd "$WORK"
d=$(printf 'd%.0s' $(seq 1 99))
dir="$d/$d/$d/$d/$d/$d"
mkdir -p "$dir"
printf 'customer_id,name\n1,"x\n2,y,z\n3,w\n' >"$dir/in.csv"
crm-clean "$dir/in.csv" 2>&1 | sed "s|$dir|DIR|"
crm-clean --skip-bad --reject "$dir/rej.csv" "$dir/in.csv" 2>&1 |
    sed "s|$dir|DIR|"
sed "s|$dir|DIR|" "$dir/rej.csv"
crm-clean --match "name=^[a-z]$" --require customer_id "$dir/in.csv" 2>&1 |
    sed "s|$dir|DIR|"
printf 'customer_id,name\n1,\n' >"$dir/empty.csv"
crm-clean --require name "$dir/empty.csv" 2>&1 | sed "s|$dir|DIR|"
echo "path length ${#dir}"
