# Where -o, --reject, --duplicates and --report write (outfile.h): a
# regular file is replaced atomically (keeping its mode); a symbolic link
# is followed (the link stays, its target gets the rows; a dangling link
# creates its target); /dev/stdout, a FIFO and /dev/null are written
# directly; a directory is an error.
cd "$WORK"
printf 'customer_id,name\n1,a\n2,b\n2,c\n' >in.csv
printf 'customer_id,name\n1,a\n2,b\n2,c\nx\n' >bad.csv
echo "-- /dev/stdout"
crm-clean -o /dev/stdout --report /dev/stdout in.csv
echo "status $?"
echo "-- symlinks"
echo old >target.csv
chmod 640 target.csv
ln -s target.csv link.csv
ln -s made.csv dangling.csv
crm-clean -q --dedup customer_id --duplicates dangling.csv \
    --reject link.csv -o out.csv bad.csv
echo "status $?"
[ -L link.csv ] && echo "link.csv is still a link to $(readlink link.csv)"
ls -l target.csv | cut -c1-10
cat target.csv
[ -L dangling.csv ] && echo "dangling.csv is still a link"
cat made.csv
echo "-- a FIFO"
mkfifo fifo
cat fifo >from-fifo &
crm-clean -o fifo in.csv
echo "status $?"
wait
cat from-fifo
[ -p fifo ] && echo "fifo is still a FIFO"
echo "-- /dev/null"
crm-clean -q -o /dev/null --reject /dev/null bad.csv
echo "status $?"
[ -c /dev/null ] && echo "/dev/null is still a device"
echo "-- a directory"
mkdir dir
crm-clean -o dir in.csv
echo "status $?"
ls | grep tmp
echo "-- done"
