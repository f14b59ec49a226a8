# Empty input: no output, status 0; a header alone: the header alone.
set -e
crm-answer index -q -m "$WORK/m" kb4.csv
crm-answer ask -m "$WORK/m" < /dev/null
echo "empty: $?"
printf 'text\n' | crm-answer ask -m "$WORK/m"
printf 'text\n' | crm-answer ask -m "$WORK/m" --top 3
# An empty knowledge base is a model that answers nothing.
printf 'id,question,answer\n' | crm-answer index -q -m "$WORK/e"
crm-answer ask -m "$WORK/e" q3.csv
