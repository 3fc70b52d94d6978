#!/usr/bin/env python3
"""Reference timings for bench/linalg.ts: NumPy (and SciPy's cho_solve when installed).

Same problem as the TypeScript bench: A = S + (sqrt(n) + 1) I with S symmetric, entries
uniform on [-0.5, 0.5) (NumPy's generator, seed 1, so not the identical matrix), ops
cholesky / solve (one right-hand side, with the factor) / eigh, the best of a few repetitions,
and the same probe residuals:
  cholesky  ||L (L^T z) - A z|| / (||A||_F ||z||)
  solve     ||A x - b|| / (||A||_F ||x||)
  eigh      ||A (V z) - V (L z)|| / (||A||_F ||z||),  orthogonality ||V^T (V z) - z|| / ||z||

Usage: python3 bench/linalg_numpy.py [--sizes 500,1000,2000]   -> JSON on stdout
"""
import argparse
import json
import platform
import sys
import time

import numpy as np

try:
    import scipy
    import scipy.linalg as sla
except ImportError:  # numpy only: fall back to a general LU solve (slower, flagged)
    scipy = None
    sla = None


def timed(fn, budget_s=1.0, max_reps=5):
    """Runs fn at least once and until budget_s or max_reps; returns (best seconds, reps, last result)."""
    best = float("inf")
    reps = 0
    total = 0.0
    result = None
    while reps < max_reps and (reps == 0 or total < budget_s):
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        best = min(best, dt)
        total += dt
        reps += 1
    return best, reps, result


def blas_name():
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older numpy
        return "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500,1000,2000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rng = np.random.default_rng(1)
    rows = []

    # warm-up (library loading, thread pool start)
    w = np.eye(64) * 2.0
    np.linalg.cholesky(w)
    np.linalg.eigh(w)

    for n in sizes:
        s = rng.uniform(-0.5, 0.5, (n, n))
        a = np.tril(s) + np.tril(s, -1).T
        a[np.diag_indices(n)] += np.sqrt(n) + 1
        a_norm = np.linalg.norm(a)
        z = rng.uniform(-0.5, 0.5, n)
        b = rng.uniform(-0.5, 0.5, n)

        sec, reps, lower = timed(lambda: np.linalg.cholesky(a))
        res = np.linalg.norm(lower @ (lower.T @ z) - a @ z) / (a_norm * np.linalg.norm(z))
        rows.append(dict(implementation="numpy", op="cholesky", n=n, ms=sec * 1e3, reps=reps,
                         residual=float(res), detail="numpy.linalg.cholesky"))

        if sla is not None:
            solve = lambda: sla.cho_solve((lower, True), b)
            detail = "scipy.linalg.cho_solve"
        else:
            solve = lambda: np.linalg.solve(a, b)
            detail = "numpy.linalg.solve (LU, O(n^3): scipy not installed)"
        sec, reps, x = timed(solve)
        res = np.linalg.norm(a @ x - b) / (a_norm * np.linalg.norm(x))
        rows.append(dict(implementation="numpy", op="solve", n=n, ms=sec * 1e3, reps=reps,
                         residual=float(res), detail=detail))

        sec, reps, (lam, v) = timed(lambda: np.linalg.eigh(a), budget_s=1.0, max_reps=3)
        vz = v @ z
        res = np.linalg.norm(a @ vz - v @ (lam * z)) / (a_norm * np.linalg.norm(z))
        orth = np.linalg.norm(v.T @ vz - z) / np.linalg.norm(z)
        rows.append(dict(implementation="numpy", op="eigh", n=n, ms=sec * 1e3, reps=reps,
                         residual=float(res), orthogonality=float(orth), detail="numpy.linalg.eigh"))

    meta = dict(python=platform.python_version(), numpy=np.__version__,
                scipy=scipy.__version__ if scipy is not None else None, blas=blas_name())
    json.dump(dict(meta=meta, rows=rows), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
