# The hint after a bad row's error shows on a terminal only: a person
# learns --skip-bad and --reject; a log or a test sees the error alone.
command -v script >/dev/null 2>&1 || { echo "script (util-linux) not installed"; exit 77; }
printf 'a,b\n1\n' > "$WORK/rag.csv"
echo "-- terminal"
script -qec "crm-clean '$WORK/rag.csv'" /dev/null | tr -d '\r' | sed "s|$WORK/||"
echo "-- not a terminal"
crm-clean "$WORK/rag.csv" 2>&1 | sed "s|$WORK/||"
echo "-- with --reject: no hint"
script -qec "crm-clean --reject '$WORK/rej.csv' '$WORK/rag.csv' >/dev/null" /dev/null | tr -d '\r' | sed "s|$WORK/||"
echo "status $?"
