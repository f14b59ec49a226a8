# Bad knowledge bases: a missing column (usage, 2), an empty question
# and a blank id (bad rows, 1, or skipped and counted), a ragged row.
cd "$WORK" || exit 1
printf 'id,text\na,hello\n' > nocol.csv
crm-answer index -m m nocol.csv; echo "status $?"
printf 'id,question,answer\na,hello,hi\nb,,empty\n ,q,blank id\nc,x\n' > bad.csv
crm-answer index -m m bad.csv; echo "status $?"
test -e m || echo "no model written"
crm-answer index -m m --skip-bad bad.csv; echo "status $?"
crm-answer index -q -m m --reject rej.csv bad.csv; echo "status $?"
cat rej.csv
