crm-clean -h | head -n 5
echo "status $?"
