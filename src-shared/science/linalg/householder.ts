/**
 * Householder tridiagonalisation of a symmetric matrix, with the orthogonal factor accumulated:
 * A = Q T Qᵀ. First half of ./eigen (EISPACK tred2 as in JAMA's EigenvalueDecomposition, public
 * domain; Bowdler, Martin, Reinsch & Wilkinson, Handbook for Automatic Computation Vol. II, 1971).
 *
 * Row-major adaptation: JAMA's inner loops run down columns of V (V[k][j], k varying). Here the
 * working array W holds Vᵀ instead, so every such loop runs along a row of W (unit stride). Since
 * A is symmetric, W = A is the same starting point. Cost ≈ 4/3 n³ (reduction) + 4/3 n³
 * (accumulation), both memory-bound for large n in plain JS, hence the fusing and blocking below.
 */

/** Reflectors per block in accumulateReflectors (the fused kernel below is written for 8). */
const ACCUMULATE_BLOCK = 8;

/**
 * Forms Qᵀ in W (rows 0…n−2) from the Householder vectors the reduction left in W's strict lower
 * triangle. JAMA's loop, for i = 0…n−2: row i joins as the unit vector e_i (its diagonal, a
 * tridiagonal entry, is parked in column n−1), then the reflector P_i = I − u uᵀ/h with
 * u = row i+1 of W (entries 0…i) and h = d[i+1] is applied to rows 0…i:
 *   w ← w − ((w·u)/h) u.
 * Blocked (same arithmetic up to rounding): b consecutive reflectors u_0…u_{b−1} are applied to a
 * row in a single visit. With G_st = u_s·u_t, the coefficients follow from the original w:
 *   c_t = (w·u_t − Σ_{s<t} c_s G_st) / h_t,   w ← w − Σ_t c_t u_t,
 * so each row of W is streamed once per b reflectors instead of once per reflector (this phase
 * is memory-bound for large n). A reflector with h = 0 is the identity (c_t = 0), as in JAMA.
 */
function accumulateReflectors(W: Float64Array, n: number, d: Float64Array): void {
  const B = ACCUMULATE_BLOCK;
  const U = new Float64Array(B * n); // reflector copies, zero-padded to the block width
  const G = new Float64Array(B * B);
  const invH = new Float64Array(B);
  const c = new Float64Array(B);
  for (let i0 = 0; i0 < n - 1; i0 += B) {
    const b = Math.min(B, n - 1 - i0); // steps i0 … i0+b−1
    const width = i0 + b; // columns 0 … width−1 are touched
    // Gather reflector t = row i0+t+1, entries 0 … i0+t.
    for (let t = 0; t < b; t++) {
      const h = d[i0 + t + 1];
      invH[t] = h !== 0 ? 1 / h : 0;
      const rv = (i0 + t + 1) * n;
      const ut = t * n;
      const len = i0 + t + 1;
      for (let k = 0; k < len; k++) U[ut + k] = W[rv + k];
      for (let k = len; k < width; k++) U[ut + k] = 0;
    }
    for (let s = 0; s < b; s++) {
      for (let t = s + 1; t < b; t++) {
        let g = 0;
        const len = i0 + s + 1;
        for (let k = 0; k < len; k++) g += U[s * n + k] * U[t * n + k];
        G[s * B + t] = g;
      }
    }
    // Rows i0 … i0+b−1 join as unit vectors (diagonal parked in column n−1); the last
    // reflector's row is cleared too, ready to join in the next block.
    for (let r = i0; r < width; r++) {
      const rr = r * n;
      W[rr + n - 1] = W[rr + r];
      for (let k = 0; k < r; k++) W[rr + k] = 0;
      W[rr + r] = 1;
    }
    {
      const rr = width * n;
      for (let k = 0; k < width; k++) W[rr + k] = 0;
    }
    // Rows 0 … i0 take all reflectors of the block: one fused pass for the eight dot products
    // (u_t zero-padded to the common width), one for the update. Padded reflectors of a short
    // last block have invH = 0, hence c_t = 0.
    for (let t = b; t < B; t++) {
      invH[t] = 0;
      U.fill(0, t * n, t * n + width);
    }
    const u0 = 0;
    const u1 = n;
    const u2 = 2 * n;
    const u3 = 3 * n;
    const u4 = 4 * n;
    const u5 = 5 * n;
    const u6 = 6 * n;
    const u7 = 7 * n;
    for (let j = 0; j <= i0; j++) {
      const rj = j * n;
      let g0 = 0;
      let g1 = 0;
      let g2 = 0;
      let g3 = 0;
      let g4 = 0;
      let g5 = 0;
      let g6 = 0;
      let g7 = 0;
      for (let k = 0; k < width; k++) {
        const w = W[rj + k];
        g0 += w * U[u0 + k];
        g1 += w * U[u1 + k];
        g2 += w * U[u2 + k];
        g3 += w * U[u3 + k];
        g4 += w * U[u4 + k];
        g5 += w * U[u5 + k];
        g6 += w * U[u6 + k];
        g7 += w * U[u7 + k];
      }
      c[0] = g0;
      c[1] = g1;
      c[2] = g2;
      c[3] = g3;
      c[4] = g4;
      c[5] = g5;
      c[6] = g6;
      c[7] = g7;
      for (let t = 0; t < b; t++) {
        let g = c[t];
        for (let s = 0; s < t; s++) g -= c[s] * G[s * B + t];
        c[t] = g * invH[t];
      }
      for (let t = b; t < B; t++) c[t] = 0;
      const c0 = c[0];
      const c1 = c[1];
      const c2 = c[2];
      const c3 = c[3];
      const c4 = c[4];
      const c5 = c[5];
      const c6 = c[6];
      const c7 = c[7];
      for (let k = 0; k < width; k++) {
        W[rj + k] -=
          c0 * U[u0 + k] +
          c1 * U[u1 + k] +
          c2 * U[u2 + k] +
          c3 * U[u3 + k] +
          c4 * U[u4 + k] +
          c5 * U[u5 + k] +
          c6 * U[u6 + k] +
          c7 * U[u7 + k];
      }
    }
    // Rows that joined inside the block (row j at step j) take reflectors t ≥ j − i0.
    for (let j = i0 + 1; j < width; j++) {
      const rj = j * n;
      const t0 = j - i0;
      for (let t = t0; t < b; t++) {
        const ut = t * n;
        let g = 0;
        for (let k = 0; k < width; k++) g += W[rj + k] * U[ut + k];
        for (let s = t0; s < t; s++) g -= c[s] * G[s * B + t];
        c[t] = g * invH[t];
      }
      for (let t = t0; t < b; t++) {
        const ct = c[t];
        const ut = t * n;
        for (let k = 0; k < width; k++) W[rj + k] -= ct * U[ut + k];
      }
    }
  }
}

/**
 * Turns x[0…i−1], the column above the diagonal of step i, into the Householder vector u in place
 * (JAMA's scaling: u = x/scale − g e_{i−1}, g = ∓‖x/scale‖) and sets the subdiagonal e[i].
 * Returns h = uᵀu/2, or 0 when the column is zero and step i is the identity.
 */
function householderVector(x: Float64Array, i: number, e: Float64Array): number {
  let scale = 0;
  for (let k = 0; k < i; k++) scale += Math.abs(x[k]);
  if (scale === 0) {
    e[i] = x[i - 1];
    return 0;
  }
  let h = 0;
  for (let k = 0; k < i; k++) {
    x[k] /= scale;
    h += x[k] * x[k];
  }
  const f = x[i - 1];
  let g = Math.sqrt(h);
  if (f > 0) g = -g;
  e[i] = scale * g;
  h -= f * g;
  x[i - 1] = f - g;
  return h;
}

/**
 * p = A u over the active i×i block (its upper triangle is the upper triangle of W's rows
 * 0…i−1), each row read once along unit stride; also stores u in row i of W (JAMA keeps the
 * Householder vectors there for the accumulation).
 */
function activeMatvec(W: Float64Array, n: number, i: number, u: Float64Array, p: Float64Array): void {
  p.fill(0, 0, i);
  for (let j = 0; j < i; j++) {
    const rj = j * n;
    const f = u[j];
    W[i * n + j] = f;
    let g = p[j] + W[rj + j] * f;
    for (let k = j + 1; k < i; k++) {
      const w = W[rj + k];
      g += w * u[k];
      p[k] += w * f;
    }
    p[j] = g;
  }
}

/**
 * Householder reduction of the symmetric W (row-major, n×n; its upper triangle is read) to
 * tridiagonal form, then accumulation: on return d = diagonal, e = subdiagonal in e[1…n−1]
 * (e[0] = 0) and W = Qᵀ with A = Q T Qᵀ. This is JAMA's tred2 with every V[a][b] read as
 * W[b][a], and one restructuring: step i's rank-2 update of the active block,
 *   A ← A − u qᵀ − q uᵀ,   q = p/h − (uᵀp/(2h²)) u,   p = A u,
 * is fused with step i−1's product p' = A u' in a single pass over the rows (u' only needs
 * column i−1 of the updated block, which is updated first). The reduction is memory-bound for
 * large n, and this halves the passes over the matrix.
 */
export function tridiagonalize(W: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  let u = new Float64Array(n); // Householder vector of the current step
  let v = new Float64Array(n); // … of the next step
  let p = new Float64Array(n); // A u, then q
  let pn = new Float64Array(n); // A v, accumulated during the fused pass
  const last = n - 1;
  let h = 0;
  if (last > 0) {
    for (let j = 0; j < last; j++) u[j] = W[j * n + last];
    h = householderVector(u, last, e);
    if (h !== 0) activeMatvec(W, n, last, u, p);
  }
  for (let i = last; i > 0; i--) {
    const c = i - 1; // the next step's index
    const rc = c * n;
    if (h === 0) {
      // Identity step (JAMA's scale = 0 branch): nothing to update.
      for (let j = 0; j < i; j++) {
        W[j * n + i] = 0;
        W[i * n + j] = 0;
      }
      d[i] = 0;
      if (c > 0) {
        for (let j = 0; j < c; j++) u[j] = W[j * n + c];
        h = householderVector(u, c, e);
        if (h !== 0) activeMatvec(W, n, c, u, p);
      }
      continue;
    }
    // q = p/h − K u,  K = uᵀp / (2h²)   (kept in p)
    let f = 0;
    for (let j = 0; j < i; j++) {
      p[j] /= h;
      f += p[j] * u[j];
    }
    const hh = f / (h + h);
    for (let j = 0; j < i; j++) p[j] -= hh * u[j];

    // Column c of the update first: it defines the next Householder vector.
    const uc = u[c];
    const qc = p[c];
    for (let j = 0; j <= c; j++) W[j * n + c] -= u[j] * qc + p[j] * uc;
    let hNext = 0;
    if (c > 0) {
      for (let j = 0; j < c; j++) v[j] = W[j * n + c];
      hNext = householderVector(v, c, e);
    }

    if (hNext !== 0) {
      // Rows 0…c−1: rank-2 update of columns j…c−1, fused with p' = A v on the updated values.
      // Two rows per pass share every load of u, q, v and p'.
      pn.fill(0, 0, c);
      let j = 0;
      for (; j + 1 < c; j += 2) {
        const rj = j * n;
        const rj1 = rj + n;
        const uj = u[j];
        const qj = p[j];
        const vj = v[j];
        const uj1 = u[j + 1];
        const qj1 = p[j + 1];
        const vj1 = v[j + 1];
        W[rc + j] = vj;
        W[rc + j + 1] = vj1;
        const w00 = W[rj + j] - (uj * qj + qj * uj);
        W[rj + j] = w00;
        const w01 = W[rj + j + 1] - (uj * qj1 + qj * uj1);
        W[rj + j + 1] = w01;
        const w11 = W[rj1 + j + 1] - (uj1 * qj1 + qj1 * uj1);
        W[rj1 + j + 1] = w11;
        let g0 = pn[j] + w00 * vj + w01 * vj1;
        let g1 = pn[j + 1] + w01 * vj + w11 * vj1;
        for (let k = j + 2; k < c; k++) {
          const uk = u[k];
          const qk = p[k];
          const vk = v[k];
          const a = W[rj + k] - (uj * qk + qj * uk);
          const b = W[rj1 + k] - (uj1 * qk + qj1 * uk);
          W[rj + k] = a;
          W[rj1 + k] = b;
          g0 += a * vk;
          g1 += b * vk;
          pn[k] += a * vj + b * vj1;
        }
        pn[j] = g0;
        pn[j + 1] = g1;
        W[rj + i] = 0;
        W[rj1 + i] = 0;
      }
      if (j < c) {
        // c odd: the last row j = c−1 has only its diagonal.
        const rj = j * n;
        const uj = u[j];
        const qj = p[j];
        const vj = v[j];
        W[rc + j] = vj;
        const wjj = W[rj + j] - (uj * qj + qj * uj);
        W[rj + j] = wjj;
        pn[j] += wjj * vj;
        W[rj + i] = 0;
      }
    } else {
      for (let j = 0; j < c; j++) {
        const rj = j * n;
        const uj = u[j];
        const qj = p[j];
        for (let k = j; k < c; k++) W[rj + k] -= uj * p[k] + qj * u[k];
        W[rj + i] = 0;
      }
    }
    W[rc + i] = 0;
    d[i] = h;
    // The next step works with v and p' = A v.
    const tu = u;
    u = v;
    v = tu;
    const tp = p;
    p = pn;
    pn = tp;
    h = hNext;
  }

  accumulateReflectors(W, n, d);
  for (let j = 0; j < n; j++) {
    d[j] = W[j * n + n - 1];
    W[j * n + n - 1] = 0;
  }
  W[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}
