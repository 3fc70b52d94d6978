/**
 * Counter-based random streams on Philox4x32-10 (see ./philox).
 *
 * A stream is identified by (seed, streamIndex):
 *   key     = (seed mod 2³², ⌊seed / 2³²⌋)                         — the seed, split into two words
 *   counter = (block mod 2³², ⌊block / 2³²⌋, streamIndex mod 2³², ⌊streamIndex / 2³²⌋)
 * where `block` = 0, 1, 2, … counts the Philox blocks consumed. Stream i therefore reads a counter
 * range disjoint from every other stream's, so "one stream per trial" gives results that do not
 * depend on thread count, batch size or the order in which trials run. No global state anywhere.
 */
import { philox4x32 } from './philox';

/** Largest accepted seed / stream index: 2⁵³ (integers up to it are exact in float64). */
export const MAX_SEED = 2 ** 53;

const TWO_POW_32 = 4294967296;
const TWO_POW_26 = 67108864;
/** 2⁻⁵³ */
const INV_TWO_POW_53 = 1 / 9007199254740992;

export interface RandomStream {
  readonly seed: number;
  readonly streamIndex: number;
  /** Next uint32 word of the stream (Philox outputs in order, four per block). */
  nextUint32(): number;
  /**
   * Uniform on the open interval (0, 1) with 53-bit resolution:
   * u = (m + ½) / 2⁵³, m = (a ≫ 5)·2²⁶ + (b ≫ 6) from two consecutive words a, b.
   * Never returns 0 or 1, so log(u) and log(1 − u) are finite.
   */
  nextUniform(): number;
  /**
   * Standard normal by Box–Muller: from uniforms u₁, u₂ (in this order),
   * z₁ = √(−2 ln u₁) cos(2π u₂), z₂ = √(−2 ln u₁) sin(2π u₂); z₁ is returned now and z₂ is kept
   * for the next call. Deterministic (no rejection).
   */
  nextNormal(): number;
  /** Uniform integer in {0, …, n − 1} for integer 1 ≤ n ≤ 2³²: ⌊u·n⌋ with u = nextUniform() (bias ≤ n/2⁵³). */
  nextInt(n: number): number;
  /** Fills `out` with successive nextUniform() values; returns `out`. */
  fillUniform(out: Float64Array): Float64Array;
  /** Fills `out` with successive nextNormal() values (exactly as repeated calls would); returns `out`. */
  fillNormal(out: Float64Array): Float64Array;
}

function checkIndex(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_SEED) {
    throw new Error(`${name} must be an integer in [0, 2^53], got ${value}`);
  }
}

class PhiloxStream implements RandomStream {
  private readonly key: Uint32Array;
  private readonly counter: Uint32Array;
  private readonly block = new Uint32Array(4);
  /** Index of the next unused word in `block`; 4 = block exhausted. */
  private wordIndex = 4;
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(
    readonly seed: number,
    readonly streamIndex: number,
  ) {
    checkIndex(seed, 'seed');
    checkIndex(streamIndex, 'streamIndex');
    this.key = new Uint32Array([seed % TWO_POW_32, Math.floor(seed / TWO_POW_32)]);
    this.counter = new Uint32Array([
      0,
      0,
      streamIndex % TWO_POW_32,
      Math.floor(streamIndex / TWO_POW_32),
    ]);
  }

  nextUint32(): number {
    if (this.wordIndex === 4) {
      philox4x32(this.counter, this.key, this.block);
      // Advance the 64-bit block counter (words 0, 1); 2⁶⁴ blocks per stream.
      this.counter[0] = (this.counter[0] + 1) >>> 0;
      if (this.counter[0] === 0) this.counter[1] = (this.counter[1] + 1) >>> 0;
      this.wordIndex = 0;
    }
    return this.block[this.wordIndex++];
  }

  nextUniform(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * TWO_POW_26 + b + 0.5) * INV_TWO_POW_53;
  }

  nextNormal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    const u1 = this.nextUniform();
    const u2 = this.nextUniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spareNormal = radius * Math.sin(angle);
    this.hasSpareNormal = true;
    return radius * Math.cos(angle);
  }

  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new Error(`nextInt: n must be an integer in [1, 2^32], got ${n}`);
    }
    return Math.floor(this.nextUniform() * n);
  }

  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextUniform();
    return out;
  }

  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextNormal();
    return out;
  }
}

/**
 * The random stream for (seed, streamIndex); both are integers in [0, 2⁵³].
 * Convention: one stream per independent trial (streamIndex = trial index).
 */
export function createStream(seed: number, streamIndex: number): RandomStream {
  return new PhiloxStream(seed, streamIndex);
}
