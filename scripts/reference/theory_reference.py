#!/usr/bin/env python3
"""Reference values for the theory-layer tests (test/unit/theory-*.test.ts, rg-*.test.ts).

Independent implementation in numpy (float64) of rg-theory.md §2, §3, §5:
  - probabilists' Gauss-Hermite rule (numpy.polynomial.hermite_e.hermegauss, normalised to N(0,1))
  - toy model: leading a1, a1(1-L2), re-weighted a_W (quadrature, order 200), finite-n series
  - reference spectrum of §7 (P = 4000, lambda_k ∝ k^-1.5, y_k^2 ∝ k^-1.5, both trace-normalised,
    sigma^2 = 1e-4): eigenlearning kappa_S and MSE, bare EK MSE, RG kappa* and MSE (T = 0.5)
Run:  python3 scripts/reference/theory_reference.py   (prints JSON; values are pasted into tests)
"""
import json
import numpy as np
from numpy.polynomial.hermite_e import hermegauss


def gh(order):
    x, w = hermegauss(order)
    return x, w / w.sum()


def toy(n, s2, l1, l2):
    L1 = n * l1 / (s2 + n * l1)
    L2 = 2 * n * l2 / (s2 + 2 * n * l2)
    a1 = -120 * l2 * L1 / s2
    x, w = gh(200)
    he1, he2, he5 = x, x**2 - 1, x**5 - 10 * x**3 + 15 * x
    d = s2 + l2 * he2**2
    aw = np.sum(w * he1 * he5 / d) / (1 / (n * l1) + np.sum(w * he1**2 / d))
    D1, D2 = n + s2 / l1, (2 * n + s2 / l2) if l2 > 0 else np.inf
    fin = (-120 * n / (D1 * D2) + 2160 * n / (D1**2 * D2) + 35760 * n / (D1 * D2**2)
           - (36000 * n + 240 * n**2) / (D1**3 * D2) + 120 * n / D1**3 - 2160 * n / D1**4
           + 1440 * n**2 / D1**5 + 2280 * n / (D1**2 * D2))
    return dict(lambda1=l1, lambda2=l2, learnability1=L1, leading=a1, leadingMode2=a1 * (1 - L2),
                reweighted=aw, finiteN=fin)


def eigenlearning(lam, y2, s2, n, eps2=0.0):
    f = lambda k: np.sum(lam / (lam + k)) + s2 / k - n
    lo, hi = s2 / n, (s2 + lam.sum()) / n
    for _ in range(400):
        mid = np.sqrt(lo * hi)
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
    k = np.sqrt(lo * hi)
    L = lam / (lam + k)
    e0 = n / (n - np.sum(L**2))
    return dict(effectiveRidge=k, mse=e0 * (np.sum((1 - L)**2 * y2) + eps2), overfittingFactor=e0)


def rg(lam, y2, s2, n, T=0.5):
    c = np.concatenate([np.cumsum(lam[::-1])[::-1], [0.0]])  # c[kappa] = sum_{k>kappa} lambda_k
    for kap in range(len(lam)):
        sk = s2 + c[kap]
        if n * lam[kap] / (sk + n * lam[kap]) < T:
            break
    sk = s2 + c[kap]
    mse = np.sum((sk / (sk + n * lam[:kap]))**2 * y2[:kap]) + np.sum(y2[kap:])
    return dict(cutoff=int(kap), renormalizedRidge=sk, mse=mse)


def first_order_hermite_slope():
    """d(delta f_k)/d eps at eps -> 0 for rg-ridge-field.test.ts: kept q1, q2 (lambda 1, 0.5),
    integrated q3..q6 with lambda = eps*(0.3, 0.2, 0.1, 0.05), target 0.7 q1 - 0.4 q2 + q5 + 0.3 q7,
    sigma^2 = 0.5, eta = 10, q_k = He_k/sqrt(k!); quadrature order 120."""
    from math import factorial
    from numpy.polynomial.hermite_e import hermeval
    x, w = gh(120)
    q = lambda k: hermeval(x, [0] * k + [1]) / np.sqrt(factorial(k))
    dB = sum(l * (q(k)**2 - 1) for l, k in zip([0.3, 0.2, 0.1, 0.05], [3, 4, 5, 6]))
    s = 0.5
    L1, L2 = 10 / (s + 10), 5 / (s + 5)
    r0 = 0.7 * q(1) - 0.4 * q(2) + q(5) + 0.3 * q(7) - L1 * 0.7 * q(1) - L2 * (-0.4) * q(2)
    return [-(L1 / s) * np.sum(w * dB * q(1) * r0), -(L2 / s) * np.sum(w * dB * q(2) * r0)]


def toy_reweighted_scipy(n, s2, l1, l2):
    """a_W by scipy.integrate.quad on the real line (independent of Gauss-Hermite), for the
    sharp-Lorentzian cases where Gauss-Hermite converges slowly. Needs scipy."""
    from scipy.integrate import quad
    phi = lambda x: np.exp(-x * x / 2) / np.sqrt(2 * np.pi)
    d = lambda x: s2 + l2 * (x * x - 1)**2
    opts = dict(epsabs=1e-14, epsrel=1e-13, limit=500)
    num = quad(lambda x: (x**6 - 10 * x**4 + 15 * x**2) * phi(x) / d(x), -np.inf, np.inf, **opts)[0]
    g = quad(lambda x: x * x * phi(x) / d(x), -np.inf, np.inf, **opts)[0]
    return num / (1 / (n * l1) + g)


def main():
    out = {}
    try:
        out["toyReweightedSharp"] = [dict(sampleCount=10, ridge=s2, lambda1=1.0, lambda2=1.0,
                                          reweighted=toy_reweighted_scipy(10, s2, 1.0, 1.0))
                                     for s2 in (0.05, 1.0, 4.0)]
    except ImportError:
        out["toyReweightedSharp"] = "scipy not installed"
    out["firstOrderHermiteSlope"] = first_order_hermite_slope()
    x, w = gh(10)
    out["gaussHermite10"] = dict(nodes=x.tolist(), weights=w.tolist())
    out["toy"] = [toy(100, 400.0, l1, 0.1) for l1 in (1.0, 4.0)] + [toy(100, 400.0, 1.0, 0.0)]
    k = np.arange(1, 4001, dtype=float)
    lam = k**-1.5
    lam /= lam.sum()
    y2 = k**-1.5
    y2 /= y2.sum()
    ref = []
    for n in (25, 100, 400):
        e = eigenlearning(lam, y2, 1e-4, n)
        ek = np.sum((1e-4 / (1e-4 + n * lam))**2 * y2)
        ref.append(dict(n=n, eigenlearning=e, ekMse=ek, rg=rg(lam, y2, 1e-4, n)))
    out["referenceSpectrum"] = ref
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
