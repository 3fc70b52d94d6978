/**
 * The engine's data-set loader, injected into experiments as `ExperimentContext.loadDataset`:
 * MNIST from the `mnist` package, CSV / NPY files from disk. Nothing is fetched from the network.
 */
import type { LoadableDatasetSpec, LoadedDataset } from '../../../src-shared/experiments/datasets';
import { loadDatasetFile } from './files';
import { loadMnist } from './mnist';

export interface DatasetLoaderOptions {
  /** Folder that relative file paths are resolved against (default: the working directory). */
  readonly baseDir?: string;
  /** Folder of the MNIST digit JSON files (default: the installed `mnist` package). */
  readonly mnistDir?: string;
}

export type DatasetLoader = (spec: LoadableDatasetSpec) => Promise<LoadedDataset>;

export function createDatasetLoader(options: DatasetLoaderOptions = {}): DatasetLoader {
  return async (spec) => {
    switch (spec.type) {
      case 'mnist':
        return loadMnist(spec, options.mnistDir);
      case 'file':
        return loadDatasetFile(spec, options.baseDir ?? process.cwd());
      default:
        throw new Error(`no loader for data set type "${(spec as { type: string }).type}"`);
    }
  };
}

/** Loader with the defaults (paths relative to the working directory). */
export const loadDataset: DatasetLoader = createDatasetLoader();

export { loadMnist, loadMnistDigit, mnistDigitsDir, MNIST_PIXELS } from './mnist';
export { loadDatasetFile, fileFormat } from './files';
