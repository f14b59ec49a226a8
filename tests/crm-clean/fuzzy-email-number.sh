# E-mail levels in --pairs: local parts that differ only in their
# numbers (zhang.wei88, zhang.wei85) disagree (level 0: two people of
# one name); dots and one typo are nearly the same (level 2); the same
# local part at another domain somewhat (level 1).
printf '%s\n' id,name,email '1,Wei Zhang,zhang.wei88@qq.com' \
    '2,Wei Zhang,zhang.wei85@qq.com' '3,Wei Zhang,zhangwei88@qq.com' \
    '4,Wei Zhang,zhang.wei88@163.com' '5,Wei Zhang,zhang.wie88@qq.com' \
    >"$WORK/in.csv"
crm-clean --fuzzy name,email --pairs "$WORK/p.csv" "$WORK/in.csv" \
    >/dev/null
cut -d, -f1,2,7 "$WORK/p.csv"
