# eval on the bilingual base: six questions with their right ids.  By
# hand from the ask output of the same questions (bilingual.out): every
# first answer is right but that of "hello" (an id the base lacks: a
# miss at every rank), so accuracy@1 = recall@5 = MRR@10 = 5/6 =
# 0.8333; fallback: "hello" alone at 0.25, 1/6.  CJK questions 3 (all
# right), other 3 (2 right).
set -e
crm-answer index -q -m "$WORK/m" bilingual.csv
cat > "$WORK/q.csv" <<'Q'
text,expected
我想退款,refund
快递到哪里了？,track
尺碼怎麼選,size
Where is my PARCEL?,track
size chart,size
hello,greeting
Q
crm-answer eval -m "$WORK/m" --expected expected "$WORK/q.csv"
crm-answer ask -m "$WORK/m" "$WORK/q.csv"
