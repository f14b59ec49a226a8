# bench/ml_ref.py: the numpy/scipy/sklearn side of bench/b_ml.sh: the
# same operation on the arrays ml_bench wrote, timed the same way
# (the operation alone), printing "seconds S" and the same check figure.
#   python3 ml_ref.py lbfgs DIR ITERS | gram DIR | cholinv DIR N | topk DIR K
#                     | mfile DIR (reads the array line of DIR/m.model)
import sys
import time
import warnings

import numpy as np
import scipy.sparse as sp
import scipy.linalg as sl

warnings.filterwarnings("ignore")


def csr(d):
    shape = np.fromfile(d + "/shape.i64", dtype=np.int64)
    return sp.csr_matrix((np.fromfile(d + "/data.f64"),
                          np.fromfile(d + "/indices.i32", dtype=np.int32),
                          np.fromfile(d + "/indptr.i64", dtype=np.int64)),
                         shape=tuple(shape))


def main():
    mode, d = sys.argv[1], sys.argv[2]
    if mode == "lbfgs":
        from sklearn.linear_model import LogisticRegression
        X, y = csr(d), np.fromfile(d + "/y.f64")
        m = LogisticRegression(C=1.0, solver="lbfgs", tol=1e-12,
                               max_iter=int(sys.argv[3]))
        t = time.perf_counter()
        m.fit(X, y)
        t = time.perf_counter() - t
        z = X @ m.coef_[0] + m.intercept_[0]
        obj = np.sum(np.logaddexp(0, z) - y * z) + 0.5 * m.coef_[0] @ m.coef_[0]
        print("seconds %.3f\niterations %d\nobjective %.10g" %
              (t, m.n_iter_[0], obj))
    elif mode == "gram":
        X = csr(d)
        t = time.perf_counter()
        G = (X.T @ X).toarray()
        t = time.perf_counter() - t
        print("seconds %.3f\nnnz %d\ntrace %.0f\nsum %.0f" %
              (t, X.nnz, np.trace(G), G.sum()))
    elif mode == "cholinv":
        n = int(sys.argv[3])
        A = np.fromfile(d + "/A.f64").reshape(n, n)
        t = time.perf_counter()
        c, low = sl.cho_factor(A, lower=True)
        inv, info = sl.lapack.dpotri(c, lower=1)
        inv = np.tril(inv) + np.tril(inv, -1).T
        t = time.perf_counter() - t
        print("seconds %.3f\ntrace %.12g" % (t, np.trace(inv)))
    elif mode == "topk":
        k = int(sys.argv[3])
        s = np.fromfile(d + "/s.f64")
        t = time.perf_counter()
        part = np.argpartition(-s, k)[:k]
        best = part[np.argsort(-s[part], kind="stable")]
        t = time.perf_counter() - t
        print("seconds %.4f\nbest %s" % (t, " ".join(map(str, best))))
    elif mode == "mfile":
        t = time.perf_counter()
        with open(d + "/m.model", "rb") as f:
            for line in f:
                if line.startswith(b"w "):
                    n = int(line[2:line.index(b" ", 2)])
                    v = np.fromstring(line[line.index(b" ", 2):], sep=" ")
        t = time.perf_counter() - t
        print("seconds %.3f\nexact %s" % (t, "yes" if len(v) == n else "no"))


main()
