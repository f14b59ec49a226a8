# The chaining guard: a~b (name, e-mail) and b~c (birth date, city) are
# linked, a and c have nothing in common; the guard keeps a apart
# instead of one cluster a, b, c.  The last three rows must come out as
# two clusters, and -v says one cluster was split.
crm-clean -v --fuzzy name,email,phone,birth_date,city fuzzy-chain.data \
    2>"$WORK/err" | tail -n 3
grep 'split by the chaining guard' "$WORK/err"
