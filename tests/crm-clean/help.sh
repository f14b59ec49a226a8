crm-clean -h | head -n 4
echo "status $?"
