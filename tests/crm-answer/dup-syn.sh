# A synonyms file with a term in two groups, or a group of one term.
cd "$WORK" || exit 1
printf 'refund money back\nreturn refund\n' > s1
crm-answer index -m m --synonyms s1 "$OLDPWD/kb4.csv"; echo "status $?"
printf 'refund\n' > s2
crm-answer index -m m --synonyms s2 "$OLDPWD/kb4.csv"; echo "status $?"
