# A model file that is not one, truncated, corrupted or of another
# program is a usage error (exit 2) with the reason.
cd "$WORK" || exit 1
cp "$OLDPWD/tiny.csv" .
crm-sentiment train --algo nb -m m.model tiny.csv || exit 1
echo text > in.csv
echo hello > junk.model
crm-sentiment predict -m junk.model in.csv; echo "status $?"
head -n 3 m.model > short.model
crm-sentiment predict -m short.model in.csv; echo "status $?"
sed 's/^bits 20/bits 21/' m.model > crc.model
crm-sentiment predict -m crc.model in.csv; echo "status $?"
crm-sentiment predict -m nosuch.model in.csv; echo "status $?"
crm-sentiment predict in.csv; echo "status $?"
