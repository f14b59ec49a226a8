# a write error on stdout is an error (exit 1): ENOSPC from /dev/full
[ -c /dev/full ] || { echo "/dev/full is not a character device"; exit 77; }
crm-plot bar -x channel -y nps bar-basic.in.csv >/dev/full
echo "status $?"
