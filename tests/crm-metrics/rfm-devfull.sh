# a write error on stdout is an error (exit 1)
crm-metrics rfm rfm-basic.in.csv > /dev/full
echo "status $?"
