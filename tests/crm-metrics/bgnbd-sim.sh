# BG/NBD and Gamma-Gamma fits recover the parameters of simulated data
# (20000 customers, r=0.25 alpha=4 a=0.8 b=2.5, p=6 q=3.8 v=15) within
# sampling error (seeds 1-4 stay inside these bounds by a factor >= 2).
sim-bgnbd -n 20000 -s 1 -S > "$WORK/s.csv"
crm-metrics clv --algo bgnbd --spend gammagamma --params "$WORK/s.csv" |
awk -F, 'BEGIN { t["r"] = 0.25; t["alpha"] = 4; t["a"] = 0.8; t["b"] = 2.5
	t["p"] = 6; t["q"] = 3.8; t["v"] = 15
	tol["r"] = 0.08; tol["alpha"] = 0.15; tol["a"] = 0.25; tol["b"] = 0.3
	tol["p"] = 0.15; tol["q"] = 0.1; tol["v"] = 0.2 }
	($2 in t) { e = ($3 - t[$2]) / t[$2]; if (e < 0) e = -e
		print (e <= tol[$2] ? "ok " : "not ok ") $1 " " $2 }'
