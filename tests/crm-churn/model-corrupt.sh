# A changed byte, a truncated file, a file that is no model and no file:
# clear errors, exit 2.
cp new.csv small.csv "$WORK/" && cd "$WORK" || exit 1
crm-churn train -q --algo tree --label churned -m t.model small.csv || exit 1
sed 's/^features 5/features 6/' t.model > bad.model
crm-churn predict -m bad.model new.csv
echo "status $?"
head -n 5 t.model > short.model
crm-churn predict -m short.model new.csv
echo "status $?"
echo hello > hello.model
crm-churn predict -m hello.model new.csv
echo "status $?"
crm-churn predict -m none.model new.csv
echo "status $?"
crm-churn rules -m t.model > /dev/null && echo "rules of the tree: ok"
crm-churn train -q --trees 3 --label churned -m f.model small.csv
crm-churn rules -m f.model
echo "status $?"
