/**
 * Philox4x32-R counter-based block cipher (Salmon, Moraes, Dror, Shaw, "Parallel random numbers:
 * as easy as 1, 2, 3", SC'11, 2011; reference implementation: Random123 `philox.h`).
 *
 * One block maps a 128-bit counter (four uint32 words) and a 64-bit key (two uint32 words) to four
 * uint32 outputs. A round is
 *
 *     (hi₀, lo₀) = M₀ · c₀,   (hi₁, lo₁) = M₁ · c₂          (32×32 → 64-bit products)
 *     c' = (hi₁ ⊕ c₁ ⊕ k₀,  lo₁,  hi₀ ⊕ c₃ ⊕ k₁,  lo₀)
 *
 * with M₀ = 0xD2511F53, M₁ = 0xCD9E8D57, and the key bumped by the Weyl constants
 * W₀ = 0x9E3779B9, W₁ = 0xBB67AE85 before rounds 2..R (upstream order). Standard R = 10.
 *
 * Everything is unsigned 32-bit: low products via Math.imul, high products by 16-bit splitting
 * (exact in float64), so the result is bit-identical on every JavaScript engine.
 */

export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;
/** The standard (Crush-resistant) round count of Philox4x32. */
export const PHILOX_ROUNDS = 10;

/** High 32 bits of the 64-bit product a·b of two uint32 values (exact). */
export function mulHi32(a: number, b: number): number {
  const aHi = a >>> 16;
  const aLo = a & 0xffff;
  const bHi = b >>> 16;
  const bLo = b & 0xffff;
  const loLo = aLo * bLo; // < 2^32
  const hiLo = aHi * bLo; // < 2^32
  const loHi = aLo * bHi; // < 2^32
  // (hiLo mod 2^16) + loHi + floor(loLo / 2^16) < 2^33: exact in float64.
  const cross = (hiLo & 0xffff) + loHi + (loLo >>> 16);
  return (aHi * bHi + (hiLo >>> 16) + Math.floor(cross / 65536)) >>> 0;
}

/**
 * Philox4x32-R on one block: writes the four output words into `out` (uint32 values).
 * `counter` has four uint32 words, `key` two; neither is modified.
 */
export function philox4x32(
  counter: ArrayLike<number>,
  key: ArrayLike<number>,
  out: Uint32Array = new Uint32Array(4),
  rounds: number = PHILOX_ROUNDS,
): Uint32Array {
  let c0 = counter[0] >>> 0;
  let c1 = counter[1] >>> 0;
  let c2 = counter[2] >>> 0;
  let c3 = counter[3] >>> 0;
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let r = 0; r < rounds; r++) {
    if (r > 0) {
      k0 = (k0 + PHILOX_W0) >>> 0;
      k1 = (k1 + PHILOX_W1) >>> 0;
    }
    const hi0 = mulHi32(PHILOX_M0, c0);
    const lo0 = Math.imul(PHILOX_M0, c0) >>> 0;
    const hi1 = mulHi32(PHILOX_M1, c2);
    const lo1 = Math.imul(PHILOX_M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}
