# A closed stdout is an error at start, before any file is opened: the
# rows never land in the reject file (which would otherwise take fd 1).
# A closed stdin fails when it is read, and says the file without a
# line; a file argument does not need stdin.
cd "$WORK"
cp "$OLDPWD/customers.data" in.csv
crm-clean --skip-bad --reject rej.csv <in.csv >&-
echo "status $?"
ls
crm-clean --version >&-
echo "status $?"
crm-clean <&-
echo "status $?"
crm-clean --reject rej.csv in.csv <&-
echo "status $?"
ls
crm-clean /
echo "status $?"
