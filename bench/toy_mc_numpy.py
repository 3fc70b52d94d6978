#!/usr/bin/env python3
"""The toy-model Monte Carlo of rg-theory.md §5 in vectorised numpy: the baseline for bench/toy-mc.ts.

Same computation as src-shared/experiments/toy-hermite.ts (not the same random numbers):
per dataset x_μ ~ N(0,1), μ = 1..n, power sums S_k = Σ x_μᵏ (k ≤ 7),
  A11 = S2, A12 = S3 − S1, A22 = S4 − 2 S2 + n, b1 = S6 − 10 S4 + 15 S2, b2 = S7 − 11 S5 + 25 S3 − 15 S1,
  G11 = λ1 A11 + σ², G22 = λ2 A22 + σ², det = G11 G22 − λ1 λ2 A12²,
  c1 = λ1 (G22 b1 − λ2 A12 b2)/det, c2 = λ2 (G11 b2 − λ1 A12 b1)/det,
in batches of B datasets: rng.standard_normal((B, n)) (PCG64 + ziggurat) into a preallocated
buffer, powers and row sums in place, the 2×2 solves as array expressions, and Σc, Σcᵀc per batch
(numpy's pairwise sums) accumulated over batches with math.fsum. float64 throughout. numpy runs
this on one core (elementwise ufuncs and the generator are single-threaded; no BLAS involved).

usage: python3 bench/toy_mc_numpy.py [--trials 1000000] [--batch 10000] [--seed 1] [--json]
"""
import argparse
import json
import math
import platform
import sys
import time

import numpy as np


def run(trials: int, batch: int, seed: int, n: int = 100, ridge: float = 400.0, lambda1: float = 1.0, lambda2: float = 0.1):
    rng = np.random.default_rng(seed)
    x = np.empty((batch, n))
    x2 = np.empty((batch, n))
    p = np.empty((batch, n))
    s = np.empty((8, batch))
    sums = {k: [] for k in ("c1", "c2", "c11", "c12", "c22")}
    done = 0
    while done < trials:
        b = min(batch, trials - done)
        xb, x2b, pb, sb = x[:b], x2[:b], p[:b], s[:, :b]
        rng.standard_normal(out=xb)
        np.multiply(xb, xb, out=x2b)
        xb.sum(axis=1, out=sb[1])
        x2b.sum(axis=1, out=sb[2])
        np.multiply(x2b, xb, out=pb)  # x³
        pb.sum(axis=1, out=sb[3])
        np.multiply(pb, x2b, out=pb)  # x⁵
        pb.sum(axis=1, out=sb[5])
        np.multiply(pb, x2b, out=pb)  # x⁷
        pb.sum(axis=1, out=sb[7])
        np.multiply(x2b, x2b, out=pb)  # x⁴
        pb.sum(axis=1, out=sb[4])
        np.multiply(pb, x2b, out=pb)  # x⁶
        pb.sum(axis=1, out=sb[6])
        s1, s2, s3, s4, s5, s6, s7 = sb[1], sb[2], sb[3], sb[4], sb[5], sb[6], sb[7]
        a12 = s3 - s1
        a22 = s4 - 2 * s2 + n
        b1 = s6 - 10 * s4 + 15 * s2
        b2 = s7 - 11 * s5 + 25 * s3 - 15 * s1
        g11 = lambda1 * s2 + ridge
        g22 = lambda2 * a22 + ridge
        det = g11 * g22 - lambda1 * lambda2 * a12 * a12
        c1 = lambda1 * (g22 * b1 - lambda2 * a12 * b2) / det
        c2 = lambda2 * (g11 * b2 - lambda1 * a12 * b1) / det
        sums["c1"].append(float(c1.sum()))
        sums["c2"].append(float(c2.sum()))
        sums["c11"].append(float((c1 * c1).sum()))
        sums["c12"].append(float((c1 * c2).sum()))
        sums["c22"].append(float((c2 * c2).sum()))
        done += b
    m = done
    t = {k: math.fsum(v) for k, v in sums.items()}
    a = t["c1"] / m
    bmean = t["c2"] / m
    var_a = (t["c11"] - m * a * a) / (m - 1)
    var_b = (t["c22"] - m * bmean * bmean) / (m - 1)
    return {"trials": m, "a": a, "aStdErr": math.sqrt(var_a / m), "b": bmean, "bStdErr": math.sqrt(var_b / m)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=float, default=1e6)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="timed repetitions; the fastest is reported")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    trials = int(args.trials)
    run(min(trials, 2 * args.batch), args.batch, args.seed)  # warm-up (allocation, first-touch)
    best = math.inf
    result = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        c0 = time.process_time()
        result = run(trials, args.batch, args.seed)
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - c0
        if seconds < best:
            best, best_cpu = seconds, cpu
    out = {
        "implementation": f"numpy {np.__version__} (PCG64, batch {args.batch})",
        "seconds": best,
        "cpuSeconds": best_cpu,
        "threads": 1,
        **result,
        "python": platform.python_version(),
        "numpy": np.__version__,
    }
    if args.json:
        json.dump(out, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(f"{out['implementation']}: {trials} trials in {best:.3f} s ({trials / best:,.0f} trials/s); a = {result['a']:.4e} ± {result['aStdErr']:.2e}")


if __name__ == "__main__":
    main()
