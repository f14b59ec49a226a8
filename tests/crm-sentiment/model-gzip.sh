# A model named *.gz is written compressed and reads back to the same
# predictions as the plain one.
cd "$WORK" || exit 1
d="$OLDPWD"
crm-sentiment train -m m.model "$d/train.csv" || exit 1
crm-sentiment train -m m.model.gz "$d/train.csv" || exit 1
gzip -t m.model.gz && echo "gzip model"
zcat m.model.gz | cmp -s - m.model && echo "same text"
crm-sentiment predict -m m.model "$d/train.csv" > a.csv
crm-sentiment predict -m m.model.gz "$d/train.csv" > b.csv
cmp -s a.csv b.csv && echo "same predictions"
