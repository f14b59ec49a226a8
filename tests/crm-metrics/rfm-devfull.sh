# a write error on stdout is an error (exit 1): ENOSPC from /dev/full,
# where there is one (rfm-efbig.sh gets a write error anywhere)
[ -c /dev/full ] || { echo "/dev/full is not a character device"; exit 77; }
crm-metrics rfm rfm-basic.in.csv > /dev/full
echo "status $?"
