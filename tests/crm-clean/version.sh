crm-clean -V | grep -c '^crm-clean (crmkit) [0-9]'
