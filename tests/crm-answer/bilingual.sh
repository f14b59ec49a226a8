# Chinese and English phrasings in one knowledge base: each question
# finds its answer in either language; fullwidth letters, traditional
# characters (退錢, 尺碼) and punctuation are normalised away.
set -e
crm-answer index -q -m "$WORK/m" bilingual.csv
cat > "$WORK/q.csv" <<'Q'
id,text
1,我想退款
2,快递到哪里了？
3,尺碼怎麼選
4,Where is my PARCEL?
5,ＲＥＦＵＮＤ please
6,size chart
Q
crm-answer ask -m "$WORK/m" "$WORK/q.csv"
