# A write error (a full disk) is an error: exit 1 with a message.
[ -w /dev/full ] || { echo "no /dev/full"; exit 77; }
crm-segment rfm rfm-hand.in.csv > /dev/full
echo "exit $?"
crm-segment kmeans -k 2 kmeans-small.in.csv > /dev/full
echo "exit $?"
