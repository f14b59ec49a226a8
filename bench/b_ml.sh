#!/bin/sh
# bench/b_ml.sh: the learning layer (common/ml) beside numpy, scipy and
# scikit-learn doing the same work on the same arrays in the same run:
# L-BFGS logistic regression on hashed features, the Gram matrix X^T X
# of a sparse binary matrix, the Cholesky inverse, top-10 of scores.
# Each side times the operation alone (not the data generation or
# loading); the check figures (objective, trace, ids) must agree.
# Sourced by bench/run.sh; also alone: BIN=bin sh bench/b_ml.sh
# Last, reading a model file of one array of ML_MFILE_N doubles (about
# 90 MB of %.17g text) beside numpy.fromstring of the same line.
# Env: ML_ROWS (100000), ML_BITS (18), ML_ITERS ("30 100": one run per
#      count, the objective after that many iterations), ML_THREADS (2),
#      ML_GRAM_COLS (2000), ML_CHOL (2000), ML_CHOL_BIG (0: skipped; e.g.
#      5000 for a second, larger inverse), ML_TOPK_N (1000000),
#      ML_MFILE_N (4500000).

top=$(cd "$(dirname "$0")/.." 2>/dev/null && pwd)
[ -n "$top" ] && [ -f "$top/bench/ml_ref.py" ] || top=${bench_top:-.}
MLBENCH=${MLBENCH:-$top/build/bench/ml_bench}
: "${ML_ROWS:=100000}" "${ML_BITS:=18}" "${ML_ITERS:=30 100}"
: "${ML_THREADS:=2}" "${ML_GRAM_COLS:=2000}" "${ML_CHOL:=2000}"
: "${ML_TOPK_N:=1000000}" "${ML_MFILE_N:=4500000}" "${ML_CHOL_BIG:=0}"
if [ ! -x "$MLBENCH" ]; then
	echo "skipped: no $MLBENCH (make bench builds it)"
	return 0 2>/dev/null || exit 0
fi
py=/usr/bin/python3
havepy=0
if [ -x "$py" ] && "$py" -c 'import numpy, scipy, sklearn' 2>/dev/null; then
	havepy=1
else
	echo "skipped: numpy/scipy/sklearn (python3-sklearn) not installed"
	mkdir -p "${DATA:-/tmp}" && echo python3-sklearn >>"${DATA:-/tmp}/missing"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/bml.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# BLAS may use both cores, as ml_bench does.
export OPENBLAS_NUM_THREADS=$ML_THREADS OMP_NUM_THREADS=$ML_THREADS

# field NAME FILE: the value after "NAME " in FILE.
field() { sed -n "s/^$1 //p" "$2"; }

compare() { # name, then the two output files
	t1=$(field seconds "$2")
	if [ "$havepy" = 1 ]; then
		bench_line "$1" "$t1" "$4" "$(field seconds "$3")"
		for k in iterations objective trace sum best write gzip_read \
		    exact; do
			a=$(field "$k" "$2")
			b=$(field "$k" "$3")
			[ -n "$a" ] || continue
			if [ -n "$b" ]; then echo "  $k: ml $a, $4 $b"
			else echo "  $k: ml $a"; fi
		done
	else
		echo "$1: $t1 s"
	fi
}

type bench_line >/dev/null 2>&1 || bench_line() {
	echo "$1: $2 s, $3 $4 s"
}

run() { # name other mode ml-args... -- py-args...
	name=$1 other=$2 mode=$3
	shift 3
	mlargs=
	while [ "$1" != -- ]; do mlargs="$mlargs $1"; shift; done
	shift
	rm -f "$work"/*
	# shellcheck disable=SC2086
	"$MLBENCH" "$mode" $mlargs "$work" >"$work/ml.out" ||
	    { echo "$name: ml_bench failed"; return 0; }
	[ "$havepy" = 1 ] && "$py" "$top/bench/ml_ref.py" "$mode" "$work" "$@" \
	    >"$work/py.out" 2>&1
	compare "$name" "$work/ml.out" "$work/py.out" "$other"
}

for it in $ML_ITERS; do
	run "L-BFGS logistic $ML_ROWS x 2^$ML_BITS hashed, $it iterations" \
	    "sklearn lbfgs" lbfgs "$ML_ROWS" "$ML_BITS" 20 "$ML_THREADS" \
	    "$it" -- "$it"
done
run "Gram X^T X of $ML_ROWS x $ML_GRAM_COLS sparse binary (20/row)" \
    "scipy.sparse" gram "$ML_ROWS" "$ML_GRAM_COLS" 20 "$ML_THREADS" --
for n in $ML_CHOL $ML_CHOL_BIG; do
	[ "$n" -gt 0 ] || continue
	run "Cholesky inverse $n x $n" "scipy potrf+potri" cholinv \
	    "$n" "$ML_THREADS" -- "$n"
done
run "top-10 of $ML_TOPK_N scores" "numpy argpartition" topk \
    "$ML_TOPK_N" 10 -- 10
run "read a model of $ML_MFILE_N doubles (model_load + mfile_get_array)" \
    "numpy fromstring" mfile "$ML_MFILE_N" --
