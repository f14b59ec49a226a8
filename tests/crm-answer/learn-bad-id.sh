# A feedback row naming an id the model lacks is a bad row: it stops
# learn (the model is left as it was), or is rejected with --reject.
cd "$WORK" || exit 1
crm-answer index -q -m m "$OLDPWD/kb4.csv" || exit 1
printf 'text,id\nwhere is my parcel,track\nhi,nosuch\n' > fb.csv
cp m m0
crm-answer learn -m m fb.csv
echo "status $?"
cmp m m0 && echo "model unchanged"
crm-answer learn -q -m m --reject rej.csv fb.csv
echo "status $?"
cat rej.csv
