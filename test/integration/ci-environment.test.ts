/**
 * Some suites skip themselves where an optional piece is missing on a developer's machine (the
 * LAPACK addon, Chromium, a tfjs backend). CI installs all of them (.ci/run), so there a missing
 * piece is a broken install, not a reason to skip: this file turns each such skip into a failure
 * when CI is set, so that a green CI run cannot hide an untested fast path or UI.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNativeLinearAlgebra } from '../../src-main/engine/linalg-native';
import { detectTensorBackends } from '../../src-main/engine/tensor/backends';

const inCi = Boolean(process.env.CI);

describe.runIf(inCi)('CI has everything the suites would otherwise skip', () => {
  it('the native LAPACK addon is built and loads (native-linalg suite)', () => {
    const loaded = loadNativeLinearAlgebra();
    expect('unavailable' in loaded ? loaded.unavailable : 'loaded').toBe('loaded');
  });

  it("Debian's Chromium is installed (end-to-end suite)", () => {
    expect(existsSync(process.env.RGWB_CHROMIUM ?? '/usr/bin/chromium')).toBe(true);
  });

  it('the cpu and wasm tensor backends are available (float32 toy-path suite)', async () => {
    const available = (await detectTensorBackends()).filter((b) => b.available).map((b) => b.name);
    expect(available).toEqual(expect.arrayContaining(['cpu', 'wasm']));
  });
});
