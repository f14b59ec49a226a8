# The CLV sum runs month by month: a horizon past 1200 months (100
# years) is a usage error at once, whatever the units (a huge
# --freq-multiplier makes a month tiny); expected purchases alone need
# no loop and take any horizon.
cd ../../samples
crm-metrics clv --algo bgnbd --spend gammagamma --horizon 1e7 \
    transactions.csv; echo "exit $?"
crm-metrics clv --algo bgnbd --spend gammagamma --freq-multiplier 1e9 \
    --horizon 1 transactions.csv; echo "exit $?"
crm-metrics clv --algo bgnbd --spend gammagamma --horizon 36000 \
    transactions.csv | sed -n 2p; echo "exit $?"
crm-metrics clv --algo bgnbd --horizon 1e7 transactions.csv | sed -n 2p
