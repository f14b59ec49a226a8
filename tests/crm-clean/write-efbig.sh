# A write error anywhere: EFBIG from a file size limit of one 512-byte
# block (SIGXFSZ ignored, so write(2) fails instead of the signal killing
# the program).  stderr, a file too, gets its short message below the limit.
# stdout redirected to a file: what fits under the limit lands, then exit 1.
( trap '' XFSZ; ulimit -f 1
  crm-clean --trim ../../samples/customers.csv > "$WORK/out.csv" )
echo "status $?"
n=$(wc -c < "$WORK/out.csv")
[ "$n" -gt 0 ] && [ "$n" -le 1024 ] && echo "output cut at the limit"
# -o FILE: the error names FILE, and nothing is left behind.
cd "$WORK" && rm -f out.csv
( trap '' XFSZ; ulimit -f 1
  crm-clean --trim -o clean.csv "$OLDPWD/../../samples/customers.csv" )
echo "status $?"
echo "left behind: $(ls)"
