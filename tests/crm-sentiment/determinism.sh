# Fixed-seed training is byte-identical: the same model file on two runs
# and with 1 or 2 threads, for each algorithm; cv with a seed gives the
# same table twice (and with one thread).
cd "$WORK" || exit 1
d="$OLDPWD"
for a in nbsvm nb logreg; do
	crm-sentiment train --algo $a --threads 1 -m a.model \
	    "$d/train.csv" || exit 1
	crm-sentiment train --algo $a --threads 2 -m b.model \
	    "$d/train.csv" || exit 1
	crm-sentiment train --algo $a -m c.model "$d/train.csv" || exit 1
	if cmp -s a.model b.model && cmp -s a.model c.model; then
		echo "$a: same model"
	else
		echo "$a: models differ"
	fi
done
crm-sentiment cv -k 3 --seed 7 "$d/train.csv" > cv1.csv || exit 1
crm-sentiment cv -k 3 --seed 7 --threads 1 "$d/train.csv" > cv2.csv
cmp -s cv1.csv cv2.csv && echo "cv: same table" || echo "cv: tables differ"
grep -c fold_accuracy cv1.csv
