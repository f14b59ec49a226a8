# churned/active: churned is the positive class without --positive.
printf 'x,label\n1,churned\n2,active\n3,active\n4,churned\n5,active\n' |
    crm-churn train -q --algo tree --min-leaf 1 -m "$WORK/c.model" || exit 1
grep '^label' "$WORK/c.model"
