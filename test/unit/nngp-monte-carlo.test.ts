/**
 * NNGP closed forms (rg-theory.md §6) against Monte Carlo over random finite-width networks.
 *
 * Network with L hidden layers of width W, weights W^l_ij ~ N(0, σ_w²/fan_in), biases ~ N(0, σ_b²):
 *   z¹ = W⁰x + b⁰,  z^{l+1} = W^l φ(z^l) + b^l,  readout f = w·φ(z^L) + b.
 * The NNGP is K^L(x,x') = lim_{W→∞} E[f(x) f(x')]. Per network we average the readout over its own
 * weights exactly (E_w[f f'] = σ_b² + σ_w² · (1/W) Σ_i φ(z^L_i(x)) φ(z^L_i(x'))) and then average that
 * over M independent networks (one random stream per network: createStream(seed, network)).
 *
 * Tolerances: 5 standard errors of the mean over networks (s.e. from the sample spread across
 * networks), plus for depth 2 an allowance 4/W·max(1, |K|) for the O(1/W) finite-width bias
 * (the second layer sees the empirical, not the exact, layer-1 covariance). Depth 1 is unbiased.
 * Second layer, two equivalent samplers:
 *  - 'explicit': draw the W×W matrix W¹ and multiply (slow; a few dozen networks);
 *  - 'conditional': given layer 1, the rows of W¹ and b¹ are i.i.d., so for the n inputs the vector
 *    (z²_i(x_1), …, z²_i(x_n)) is exactly N(0, C) with C_pq = σ_b² + σ_w² (1/W) Σ_j φ(z¹_j(x_p)) φ(z¹_j(x_q)),
 *    sampled as L g_i (C = L Lᵀ, g_i ~ N(0, I_n)). Same law as the explicit network, O(W n) instead
 *    of O(W² n) per network, so thousands of networks fit in the time budget.
 * The same standard-normal draws are reused for relu and erf.
 */
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src-shared/science/random';
import { erf, kernelGram, relu, type KernelSpec } from '../../src-shared/science/kernels';
import type { Matrix } from '../../src-shared/science/linalg/types';


interface Setting {
  readonly activation: 'relu' | 'erf';
  readonly weightVariance: number;
  readonly biasVariance: number;
}

/** Lower Cholesky factor of a small SPD matrix (n×n row-major). */
function smallCholesky(c: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = c[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(sum) : sum / l[j * n + j];
    }
  }
  return l;
}

/**
 * Returns, for each setting and depth ∈ {1, 2}, the per-network readout covariance estimates of all
 * input pairs (i ≤ j), as arrays over networks.
 */
function monteCarlo(
  inputs: number[][],
  settings: Setting[],
  width: number,
  networks: number,
  seed: number,
  secondLayer: 'explicit' | 'conditional',
) {
  const d = inputs[0].length;
  const n = inputs.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) pairs.push([i, j]);
  const estimates = settings.map(() => [1, 2].map(() => pairs.map(() => new Float64Array(networks))));
  const W0 = new Float64Array(width * d);
  const b0 = new Float64Array(width);
  const W1 = new Float64Array(secondLayer === 'explicit' ? width * width : 0);
  const b1 = new Float64Array(width);
  const G = new Float64Array(secondLayer === 'conditional' ? width * n : 0);
  const a1 = new Float64Array(n * width);
  const a2 = new Float64Array(n * width);
  const C = new Float64Array(n * n);
  for (let m = 0; m < networks; m++) {
    const stream = createStream(seed, m);
    stream.fillNormal(W0);
    stream.fillNormal(b0);
    if (secondLayer === 'explicit') {
      stream.fillNormal(W1);
      stream.fillNormal(b1);
    } else {
      stream.fillNormal(G);
    }
    settings.forEach((setting, s) => {
      const phi = setting.activation === 'relu' ? relu : erf;
      const sw = Math.sqrt(setting.weightVariance);
      const sb = Math.sqrt(setting.biasVariance);
      // Layer 1: z¹_j(x) = (σ_w/√d) Σ_c W⁰_jc x_c + σ_b b⁰_j.
      for (let p = 0; p < n; p++) {
        for (let j = 0; j < width; j++) {
          let z = 0;
          for (let c = 0; c < d; c++) z += W0[j * d + c] * inputs[p][c];
          a1[p * width + j] = phi((sw / Math.sqrt(d)) * z + sb * b0[j]);
        }
      }
      if (secondLayer === 'explicit') {
        // Layer 2: z²_i(x) = (σ_w/√W) Σ_j W¹_ij φ(z¹_j(x)) + σ_b b¹_i.
        const scale = sw / Math.sqrt(width);
        for (let i = 0; i < width; i++) {
          const row = W1.subarray(i * width, (i + 1) * width);
          for (let p = 0; p < n; p++) {
            const a = a1.subarray(p * width, (p + 1) * width);
            let z = 0;
            for (let j = 0; j < width; j++) z += row[j] * a[j];
            a2[p * width + i] = phi(scale * z + sb * b1[i]);
          }
        }
      } else {
        // Layer 2 from its exact conditional law: z²_i = L g_i, C = L Lᵀ = empirical layer-1 kernel.
        for (let p = 0; p < n; p++) {
          for (let q = 0; q <= p; q++) {
            let sum = 0;
            for (let j = 0; j < width; j++) sum += a1[p * width + j] * a1[q * width + j];
            C[p * n + q] = C[q * n + p] = setting.biasVariance + (setting.weightVariance * sum) / width;
          }
        }
        const L = smallCholesky(C, n);
        for (let i = 0; i < width; i++) {
          for (let p = 0; p < n; p++) {
            let z = 0;
            for (let q = 0; q <= p; q++) z += L[p * n + q] * G[i * n + q];
            a2[p * width + i] = phi(z);
          }
        }
      }
      pairs.forEach(([p, q], k) => {
        let s1 = 0;
        let s2 = 0;
        for (let i = 0; i < width; i++) {
          s1 += a1[p * width + i] * a1[q * width + i];
          s2 += a2[p * width + i] * a2[q * width + i];
        }
        estimates[s][0][k][m] = setting.biasVariance + (setting.weightVariance * s1) / width;
        estimates[s][1][k][m] = setting.biasVariance + (setting.weightVariance * s2) / width;
      });
    });
  }
  return { pairs, estimates };
}

function meanAndStandardError(values: Float64Array) {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  variance /= n - 1;
  return { mean, standardError: Math.sqrt(variance / n) };
}

const settings: Setting[] = [
  { activation: 'relu', weightVariance: 2, biasVariance: 0.1 },
  { activation: 'erf', weightVariance: 1.5, biasVariance: 0.2 },
];

const groups = [
  {
    name: 'd = 3',
    inputs: [
      [1, 0.5, -0.3],
      [-0.8, 0.9, 0.4],
      [0.2, -1.1, 1.3],
    ],
  },
  {
    name: 'd = 5',
    inputs: [
      [1.2, -0.4, 0.3, 0.9, -1],
      [-1.1, 0.5, -0.2, -0.7, 1.3], // nearly anti-parallel to the first: θ close to π
      [0.3, 1.4, -0.6, 0.2, 0.1],
    ],
  },
];

describe('NNGP closed forms vs Monte Carlo over random networks', () => {
  function check(
    inputs: number[][],
    width: number,
    networks: number,
    secondLayer: 'explicit' | 'conditional',
    sharpness: number,
  ) {
    const { pairs, estimates } = monteCarlo(inputs, settings, width, networks, 2025, secondLayer);
    const X: Matrix = { rows: inputs.length, cols: inputs[0].length, data: Float64Array.from(inputs.flat()) };
    const report: string[] = [];
    settings.forEach((setting, s) => {
      for (const depth of [1, 2]) {
        const spec: KernelSpec = { type: 'nngp', depth, ...setting };
        const K = kernelGram(spec, X);
        pairs.forEach(([p, q], k) => {
          const exact = K.data[p * X.rows + q];
          const { mean, standardError } = meanAndStandardError(estimates[s][depth - 1][k]);
          const biasAllowance = depth === 1 ? 0 : (4 / width) * Math.max(1, Math.abs(exact));
          const tolerance = 5 * standardError + biasAllowance;
          const line = `${setting.activation} L=${depth} (${p},${q}): MC ${mean.toFixed(5)} ± ${standardError.toFixed(5)}, exact ${exact.toFixed(5)}`;
          report.push(line);
          expect(Math.abs(mean - exact), line).toBeLessThan(tolerance);
          // The test must be sharp enough to be meaningful relative to the kernel's scale K(x,x).
          expect(tolerance, line).toBeLessThan(sharpness * Math.abs(K.data[p * X.rows + p]));
        });
      }
    });
    return report;
  }

  it.each(groups)('relu and erf, depth 1 and 2, $name: width 1000, 2000 networks (conditional layer 2)', ({ inputs }) => {
    check(inputs, 1000, 2000, 'conditional', 0.015);
  });

  it('explicit W×W weights agree too (d = 3, width 1000, 30 networks)', () => {
    check(groups[0].inputs, 1000, 30, 'explicit', 0.1);
  });
});
