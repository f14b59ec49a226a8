# --min-score: below it fallback is 1 and the answer is empty (id,
# score and matched question stay for review); at 0 nothing falls back
# but a question with no shared term at all.
set -e
crm-answer index -q -m "$WORK/m" kb4.csv
crm-answer ask -m "$WORK/m" --min-score 0.8 q3.csv
crm-answer ask -m "$WORK/m" --min-score 0 q3.csv
