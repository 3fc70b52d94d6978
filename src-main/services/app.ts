/**
 * The composition root of the main process: one store, one run service, the API handlers.
 * `rgwb serve` and the Electron main process both boot through here, so they behave alike.
 */
import type { RunEvent, SystemInfo } from '../../src-shared/api/contract';
import { activeLinearAlgebra, createExecutorFor, describeBackends, shutdownEngine, type EngineOptions } from '../engine';
import { openStore, type RunStore } from '../store';
import { createApiHandlers } from './api';
import { APP_VERSION } from './environment';
import { RunService } from './runs';

export interface AppServices {
  readonly store: RunStore;
  readonly runs: RunService;
  readonly handlers: ReturnType<typeof createApiHandlers>;
  subscribe(listener: (event: RunEvent) => void): () => void;
  /** Cancels active runs (they store what they completed as 'cancelled') and closes the store. */
  shutdown(): Promise<void>;
}

export function createAppServices(options: { databasePath: string; engine?: EngineOptions }): AppServices {
  const store = openStore(options.databasePath);
  const runs = new RunService(store, createExecutorFor(options.engine));
  const systemInfo = (): SystemInfo => ({
    appVersion: APP_VERSION,
    nodeVersion: process.version,
    databasePath: options.databasePath,
    backends: describeBackends(),
    linalg: activeLinearAlgebra().name,
  });
  const handlers = createApiHandlers({ store, runs, systemInfo });
  return {
    store,
    runs,
    handlers,
    subscribe(listener) {
      runs.events.on('event', listener);
      return () => runs.events.off('event', listener);
    },
    async shutdown() {
      await runs.shutdown();
      await shutdownEngine();
      store.close();
    },
  };
}
