# A blocking key value shared by more than 100 rows is not used, with a
# message: of 6,002 rows, 150 have the e-mail info@shop.example; the
# e-mail key is kept for the others, and the two rows of Ann Lee meet.
awk 'BEGIN {
	print "name,email"
	for (i = 0; i < 6000; i++) {
		e = "c" i "@mail.example"
		if (i % 40 == 0)
			e = "info@shop.example"
		printf "Person %d,%s\n", i, e
	}
	print "Ann Lee,ann.lee@mail.example"
	print "ANN  LEE,annlee@mail.example"
}' >"$WORK/in.csv"
crm-clean --fuzzy name,email "$WORK/in.csv" | tail -n 3
