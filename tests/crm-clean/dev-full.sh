crm-clean customers.data >/dev/full
echo "status $?"
