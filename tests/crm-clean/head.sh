awk 'BEGIN { print "id,name"; for (i = 0; i < 300000; i++) print i ",name " i }' |
    crm-clean --trim | head -n 1
